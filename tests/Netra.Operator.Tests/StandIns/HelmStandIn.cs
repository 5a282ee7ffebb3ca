using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Controller;
using Netra.Operator.Core.Controller.Manifests;
using Netra.Operator.Local;
using Netra.Probes.Running;

namespace Netra.Operator.Tests;

/// <summary>
/// Stands in for helm in a deploy pod, which nothing can run here: starts the three services on
/// loopback with the configuration the run's values ConfigMap gives them, as the charts would
/// deploy them, and remembers where they are per namespace for <see cref="KubeletStandIn"/>.
/// </summary>
internal sealed class HelmStandIn(IKubernetes admin) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalEnvironment> _environments = new();

    public int Installs => _environments.Count;

    public ProbeTargets? TargetsIn(string ns) => _environments.TryGetValue(ns, out var environment) ? environment.Targets : null;

    /// <summary>Installs the three releases of the deploy pod's namespace; the exit code and message as helm would leave them.</summary>
    public async Task<(int ExitCode, string Message)> InstallAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var values = await admin.CoreV1.ReadNamespacedConfigMapAsync(ChildNames.ValuesConfigMap, ns, cancellationToken: cancellationToken);
        var settings = new ServiceSettings(Arguments(values, "auth"), Arguments(values, "agent"), Arguments(values, "backend"));
        var environment = await LocalEnvironment.StartAsync(cancellationToken, settings);
        if (!_environments.TryAdd(ns, environment))
        {
            await environment.DisposeAsync();
        }

        return (0, "Release \"netra-backend\" has been upgraded. Happy Helming!");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var environment in _environments.Values)
        {
            await environment.DisposeAsync();
        }

        _environments.Clear();
    }

    /// <summary>The values' configuration, without the service addresses: on loopback the local environment knows them.</summary>
    private static IReadOnlyList<string> Arguments(V1ConfigMap values, string service) =>
        [.. ChartValues.ToArguments(JsonNode.Parse(values.Data[$"{service}.json"])!.AsObject())
            .Where(a => !a.StartsWith("--Services:", StringComparison.Ordinal))];
}
