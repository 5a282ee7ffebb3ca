using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>
/// A custom resource, cluster-wide, through the API server's custom objects API; only the objects
/// <paramref name="labelSelector"/> selects, when given.
/// </summary>
public sealed class CustomResourceSource<T>(IKubernetes client, string group, string version, string plural, string? labelSelector = null)
    : IResourceSource<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Objects per list page: a tenant's object may hold up to the API server's 1.5 MiB; read typed, a page streams into
    /// its objects, and the API server sends at most this many large ones a request.
    /// </summary>
    public const int PageSize = 10;

    public Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(Func<T, T> keep, CancellationToken cancellationToken) =>
        PagedList.ReadAsync<T>(async next =>
        {
            var page = await client.CustomObjects.ListAsync<T>(group, version, ns: null, plural, labelSelector, PageSize, next, cancellationToken);
            return (page.Items, page.Metadata);
        }, keep);

    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        CustomObjectWatch.ReadAsync<T>(client, group, version, plural, labelSelector, resourceVersion, cancellationToken);
}
