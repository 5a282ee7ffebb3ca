using k8s;
using k8s.Models;
using Netra.ControllerRuntime;

namespace Netra.Operator.Core.Schedules;

/// <summary>Deployments of every namespace: what rollout triggers watch.</summary>
public sealed class DeploymentSource(IKubernetes client) : IResourceSource<V1Deployment>
{
    public async Task<(IReadOnlyList<V1Deployment> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: cancellationToken);
        return ([.. list.Items], list.Metadata?.ResourceVersion ?? string.Empty);
    }

    public IAsyncEnumerable<(WatchEventType Type, V1Deployment Object)> WatchAsync(
        string resourceVersion, CancellationToken cancellationToken) =>
        WatchStream.ReadAsync(
            (onError, stop) => client.AppsV1.WatchListDeploymentForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: onError, cancellationToken: stop),
            "deployments",
            cancellationToken);
}

/// <summary>StatefulSets of every namespace: what rollout triggers watch.</summary>
public sealed class StatefulSetSource(IKubernetes client) : IResourceSource<V1StatefulSet>
{
    public async Task<(IReadOnlyList<V1StatefulSet> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(cancellationToken: cancellationToken);
        return ([.. list.Items], list.Metadata?.ResourceVersion ?? string.Empty);
    }

    public IAsyncEnumerable<(WatchEventType Type, V1StatefulSet Object)> WatchAsync(
        string resourceVersion, CancellationToken cancellationToken) =>
        WatchStream.ReadAsync(
            (onError, stop) => client.AppsV1.WatchListStatefulSetForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: onError, cancellationToken: stop),
            "statefulsets",
            cancellationToken);
}
