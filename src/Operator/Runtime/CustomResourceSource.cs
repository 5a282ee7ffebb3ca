using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Autorest;
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
        Exception? failure = null;
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            group, version, plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: error => failure ??= error, cancellationToken: cancellationToken);
        await using var changes = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await changes.MoveNextAsync();
            }
            catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.Gone)
            {
                throw new ResourceVersionGoneException(error.Message, error);
            }

            if (!more)
            {
                break;
            }

            var (type, item) = changes.Current;
            yield return (type, KubernetesJson.Deserialize<T>(((JsonElement)item).GetRawText()));
        }

        switch (failure)
        {
            case KubernetesException { Status.Code: (int)HttpStatusCode.Gone } gone:
                throw new ResourceVersionGoneException(gone.Message, gone);
            case not null when !cancellationToken.IsCancellationRequested:
                throw new IOException($"The watch of {plural}.{group} failed: {failure.Message}", failure);
        }
    }
}
