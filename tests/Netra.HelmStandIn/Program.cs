using k8s;
using Netra.HelmStandIn;

// Stands in for helm in the operator's deploy Job on the test cluster (see HelmCommandLine and ReleaseInstaller).
// Exit 0 with the release ready, 1 with "Error: ..." on stderr, as helm does.
var (command, error) = HelmCommandLine.Parse(args);
if (command is null)
{
    await Console.Error.WriteLineAsync($"Error: {error}");
    return 1;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var client = new Kubernetes(KubernetesClientConfiguration.InClusterConfig());
var failure = await new ReleaseInstaller(client, Console.Out).InstallAsync(command, stop.Token);
if (failure is not null)
{
    await Console.Error.WriteLineAsync($"Error: {failure}");
    return 1;
}

return 0;
