using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>Jobs of every namespace that match a label selector: how a controller hears that the Jobs it created changed.</summary>
public sealed class JobSource(IKubernetes client, string labelSelector) : IResourceSource<V1Job>
{
    public async Task<(IReadOnlyList<V1Job> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.BatchV1.ListJobForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: cancellationToken);
        return ([.. list.Items], list.Metadata?.ResourceVersion ?? string.Empty);
    }

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
