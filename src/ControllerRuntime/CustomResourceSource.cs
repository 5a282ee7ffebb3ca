using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Netra.Operator.Runtime;

/// <summary>A custom resource, cluster-wide, through the API server's custom objects API.</summary>
public sealed class CustomResourceSource<T>(IKubernetes client, string group, string version, string plural) : IResourceSource<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private sealed class ListOf
    {
        [JsonPropertyName("metadata")]
        public V1ListMeta? Metadata { get; set; }

        [JsonPropertyName("items")]
        public List<T> Items { get; set; } = [];
    }

    public async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var response = await client.CustomObjects.ListClusterCustomObjectAsync(group, version, plural, cancellationToken: cancellationToken);
        var list = KubernetesJson.Deserialize<ListOf>(((JsonElement)response).GetRawText());
        return (list.Items, list.Metadata?.ResourceVersion ?? string.Empty);
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = WatchStream.ReadAsync(
            onError => client.CustomObjects.WatchListClusterCustomObjectAsync(
                group, version, plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken),
            $"{plural}.{group}",
            cancellationToken);
        await foreach (var (type, item) in changes)
        {
            yield return (type, KubernetesJson.Deserialize<T>(((JsonElement)item).GetRawText()));
        }
    }
}
