using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.TestRuns.Manifests;

namespace Netra.Operator.Local;

/// <summary>
/// Does in this process what a deploy Job's helm does in a cluster: starts auth, agent and backend with
/// the configuration the run's values ConfigMap gives their charts, and knows where each namespace's
/// services are, so that the in-cluster addresses probe Jobs are given can be mapped to them.
/// </summary>
public sealed class DeployJobRunner : IAsyncDisposable
{
    private readonly Dictionary<string, LocalEnvironment> _environments = [];
    private readonly Lock _gate = new();

    public async Task<(int ExitCode, string TerminationMessage)> RunAsync(V1ConfigMap values, CancellationToken cancellationToken)
    {
        var environment = await LocalEnvironment.StartAsync(cancellationToken, SettingsFrom(values));
        lock (_gate)
        {
            if (_environments.TryAdd(values.Metadata.NamespaceProperty, environment))
            {
                return (0, "Releases netra-auth, netra-agent and netra-backend installed.");
            }
        }

        await environment.DisposeAsync();
        return (0, "Releases netra-auth, netra-agent and netra-backend already installed.");
    }

    /// <summary>
    /// The service configuration of each chart's values, without the addresses: on loopback the local environment
    /// knows them.
    /// </summary>
    public static ServiceSettings SettingsFrom(V1ConfigMap values) =>
        new(Arguments(values, "auth"), Arguments(values, "agent"), Arguments(values, "backend"));

    public LocalEnvironment? EnvironmentIn(string ns)
    {
        lock (_gate)
        {
            return _environments.GetValueOrDefault(ns);
        }
    }

    /// <summary>
    /// <c>http://netra-auth.NS.svc</c> → the loopback address of that service in namespace NS, when this runner
    /// deployed NS; any other address as it is.
    /// </summary>
    public Uri MapServiceUrl(Uri url)
    {
        var parts = url.Host.Split('.');
        if (parts is not [var service, var ns, "svc", ..] || EnvironmentIn(ns)?.Targets is not { } targets)
        {
            return url;
        }

        return service switch
        {
            "netra-auth" => targets.AuthUrl,
            "netra-backend" => targets.BackendUrl,
            "netra-agent" => targets.AgentUrl,
            _ => throw new InvalidOperationException($"No service {service} in namespace {ns}."),
        };
    }

    /// <summary>Stops the services of a namespace; its files stay when <paramref name="keepFiles"/>.</summary>
    public async Task RemoveAsync(string ns, bool keepFiles)
    {
        LocalEnvironment? environment;
        lock (_gate)
        {
            _environments.Remove(ns, out environment);
        }

        if (environment is not null)
        {
            environment.KeepFiles = keepFiles;
            await environment.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<LocalEnvironment> environments;
        lock (_gate)
        {
            environments = [.. _environments.Values];
            _environments.Clear();
        }

        foreach (var environment in environments)
        {
            await environment.DisposeAsync();
        }
    }

    private static IReadOnlyList<string> Arguments(V1ConfigMap values, string service) =>
        [.. ChartValues.ToArguments(JsonNode.Parse(values.Data[$"{service}.json"])!.AsObject())
            .Where(a => !a.StartsWith("--Services:", StringComparison.Ordinal))];
}
