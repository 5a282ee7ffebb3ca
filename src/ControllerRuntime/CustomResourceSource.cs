using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>A custom resource, cluster-wide, through the API server's custom objects API.</summary>
public sealed class CustomResourceSource<T>(IKubernetes client, string group, string version, string plural) : IResourceSource<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    public async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var response = await client.CustomObjects.ListClusterCustomObjectAsync(
            group, version, plural, cancellationToken: cancellationToken);
        // Item by item: a generic list type would need a serialization contract of its own per T.
        var list = (JsonElement)response;
        var items = list.GetProperty("items").EnumerateArray().Select(item => KubernetesJson.Deserialize<T>(item)).ToList();
        var resourceVersion = list.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("resourceVersion", out var listed)
                ? listed.GetString()
                : null;
        return (items, resourceVersion ?? string.Empty);
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
}
