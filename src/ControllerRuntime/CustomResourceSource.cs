using System.Runtime.CompilerServices;
using System.Text.Json;
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
    /// Objects per list page: a tenant's object may hold up to the API server's 1.5 MiB, and a page is read whole, so a
    /// relist of many large objects costs at most a page of them at a time.
    /// </summary>
    public const int PageSize = 10;

    public async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? next = null;
        while (true)
        {
            var response = await client.CustomObjects.ListClusterCustomObjectAsync(
                group, version, plural, continueParameter: next, labelSelector: labelSelector, limit: PageSize,
                cancellationToken: cancellationToken);
            // Item by item: a generic list type would need a serialization contract of its own per T.
            var page = (JsonElement)response;
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(item => KubernetesJson.Deserialize<T>(item)));
            var metadata = page.TryGetProperty("metadata", out var listMetadata) ? listMetadata : default;
            next = Property(metadata, "continue");
            if (string.IsNullOrEmpty(next))
            {
                // The last page's version is the whole list's: every page is read at the first page's snapshot.
                return (items, Property(metadata, "resourceVersion") ?? string.Empty);
            }
        }
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = WatchStream.ReadAsync(
            (onError, stop) => client.CustomObjects.WatchListClusterCustomObjectAsync(
                group,
                version,
                plural,
                allowWatchBookmarks: true,
                labelSelector: labelSelector,
                resourceVersion: resourceVersion,
                onError: onError,
                cancellationToken: stop),
            $"{plural}.{group}",
            cancellationToken);
        await foreach (var (type, item) in changes)
        {
            yield return (type, KubernetesJson.Deserialize<T>((JsonElement)item));
        }
    }

    private static string? Property(JsonElement metadata, string name) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
