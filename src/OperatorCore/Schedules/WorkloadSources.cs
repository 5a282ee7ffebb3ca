using k8s;
using k8s.Models;
using Netra.ControllerRuntime;

namespace Netra.Operator.Core.Schedules;

/// <summary>Deployments of every namespace: what rollout triggers watch.</summary>
public sealed class DeploymentSource(IKubernetes client) : IResourceSource<V1Deployment>
{
    public Task<(IReadOnlyList<V1Deployment> Items, string ResourceVersion)> ListAsync(
        Func<V1Deployment, V1Deployment> keep, CancellationToken cancellationToken) =>
        PagedList.ReadAsync<V1Deployment>(async next =>
        {
            var page = await client.AppsV1.ListDeploymentForAllNamespacesAsync(
                continueParameter: next, limit: PagedList.PageSize, cancellationToken: cancellationToken);
            return (page.Items, page.Metadata);
        }, keep);

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
    public Task<(IReadOnlyList<V1StatefulSet> Items, string ResourceVersion)> ListAsync(
        Func<V1StatefulSet, V1StatefulSet> keep, CancellationToken cancellationToken) =>
        PagedList.ReadAsync<V1StatefulSet>(async next =>
        {
            var page = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(
                continueParameter: next, limit: PagedList.PageSize, cancellationToken: cancellationToken);
            return (page.Items, page.Metadata);
        }, keep);

    public IAsyncEnumerable<(WatchEventType Type, V1StatefulSet Object)> WatchAsync(
        string resourceVersion, CancellationToken cancellationToken) =>
        WatchStream.ReadAsync(
            (onError, stop) => client.AppsV1.WatchListStatefulSetForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: onError, cancellationToken: stop),
            "statefulsets",
            cancellationToken);
}
