using k8s;
using k8s.Models;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Local;
using Netra.Probes.Running;

namespace Netra.TestBed;

/// <summary>
/// Stands in for helm in a deploy pod, which nothing can run here: starts the three services on
/// loopback with the configuration the run's values ConfigMap gives them, as the charts would
/// deploy them (the local run's <see cref="DeployJobRunner"/>), and remembers where they are per
/// namespace for <see cref="KubeletStandIn"/>.
/// </summary>
public sealed class HelmStandIn(IKubernetes admin) : IAsyncDisposable
{
    private readonly DeployJobRunner _runner = new();

    public ProbeTargets? TargetsIn(string ns) => _runner.EnvironmentIn(ns)?.Targets;

    public Uri MapServiceUrl(Uri url) => _runner.MapServiceUrl(url);

    /// <summary>Installs the three releases of the deploy pod's namespace; the exit code and message as helm would leave them.</summary>
    public async Task<(int ExitCode, string Message)> InstallAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var values = await admin.CoreV1.ReadNamespacedConfigMapAsync(ChildNames.ValuesConfigMap, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        return await _runner.RunAsync(values, cancellationToken);
    }

    public ValueTask DisposeAsync() => _runner.DisposeAsync();
}
