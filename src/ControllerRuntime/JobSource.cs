using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>Jobs of every namespace that match a label selector: how a controller hears that the Jobs it created changed.</summary>
public sealed class JobSource(IKubernetes client, string labelSelector) : IResourceSource<V1Job>
{
    public Task<(IReadOnlyList<V1Job> Items, string ResourceVersion)> ListAsync(Func<V1Job, V1Job> keep, CancellationToken cancellationToken) =>
        PagedList.ReadAsync<V1Job>(async next =>
        {
            var page = await client.BatchV1.ListJobForAllNamespacesAsync(
                continueParameter: next, labelSelector: labelSelector, limit: PagedList.PageSize, cancellationToken: cancellationToken);
            return (page.Items, page.Metadata);
        }, keep);

    public IAsyncEnumerable<(WatchEventType Type, V1Job Object)> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        WatchStream.ReadAsync(
            (onError, stop) => client.BatchV1.WatchListJobForAllNamespacesAsync(
                allowWatchBookmarks: true,
                labelSelector: labelSelector,
                resourceVersion: resourceVersion,
                onError: onError,
                cancellationToken: stop),
            "jobs",
            cancellationToken);
}
