using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Netra.ControllerRuntime;

/// <summary>
/// A watch of custom objects read as the API server streams it, each event straight into its type. KubernetesClient's
/// watch holds every event as a line of text, then parses it twice, then as a document: for a tenant's object of a
/// megabyte, ten megabytes at once. Sent through KubernetesClient's own HttpClient and credentials.
/// </summary>
public static class CustomObjectWatch
{
    /// <summary>The most an event may take: twice the API server's largest object, in its JSON.</summary>
    public const int MaxEventBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The changes after <paramref name="resourceVersion"/> to the objects of <paramref name="plural"/>.<paramref name="group"/>
    /// in every namespace; <see cref="ResourceVersionGoneException"/> when that version is too old, an exception for any
    /// other failure.
    /// </summary>
    public static async IAsyncEnumerable<(WatchEventType Type, T Object)> ReadAsync<T>(
        IKubernetes client, string group, string version, string plural, string? labelSelector, string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kubernetes = client as Kubernetes
            ?? throw new ArgumentException("a watch is read through KubernetesClient's Kubernetes client", nameof(client));
        var what = $"{plural}.{group}";
        var query = $"watch=true&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}"
            + (labelSelector is null ? string.Empty : $"&labelSelector={Uri.EscapeDataString(labelSelector)}");
        using var request = new HttpRequestMessage(
            HttpMethod.Get, new Uri($"{kubernetes.BaseUri.ToString().TrimEnd('/')}/apis/{group}/{version}/{plural}?{query}"));
        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        using var response = await kubernetes.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceVersionGoneException($"The watch of {what} from version {resourceVersion}: too old");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"The watch of {what} was refused: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var events = PipeReader.Create(stream);
        try
        {
            while (true)
            {
                var read = await events.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                var changes = new List<ObjectChange<T>>();
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    changes.Add(Parse<T>(buffer.Slice(0, end)));
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }

                if (buffer.Length > MaxEventBytes)
                {
                    throw new IOException($"The watch of {what} sent an event of over {MaxEventBytes} bytes");
                }

                events.AdvanceTo(buffer.Start, buffer.End);
                foreach (var change in changes)
                {
                    yield return change switch
                    {
                        { Type: WatchEventType.Error, ErrorCode: (int)HttpStatusCode.Gone } =>
                            throw new ResourceVersionGoneException($"The watch of {what}: {change.ErrorMessage}"),
                        { Type: WatchEventType.Error } =>
                            throw new IOException($"The watch of {what} failed: {change.ErrorCode} {change.ErrorMessage}"),
                        _ => (change.Type, change.Item!),
                    };
                }

                if (read.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await events.CompleteAsync();
        }
    }

    /// <summary>One event: the API server writes each on a line of its own.</summary>
    private static ObjectChange<T> Parse<T>(ReadOnlySequence<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        return JsonSerializer.Deserialize(ref reader, Events<T>.Type)
            ?? throw new JsonException("a watch event that is null");
    }

    /// <summary>The contract of a watch event of <typeparamref name="T"/>, with KubernetesClient's options for the object.</summary>
    private static class Events<T>
    {
        public static readonly JsonTypeInfo<ObjectChange<T>> Type = Create();

        private static JsonTypeInfo<ObjectChange<T>> Create()
        {
            var kubernetes = KubernetesJsonOptions.Current;
            var objectType = (JsonTypeInfo<T>)kubernetes.GetTypeInfo(typeof(T));
            return JsonMetadataServices.CreateValueInfo<ObjectChange<T>>(kubernetes, new ObjectChangeConverter<T>(objectType));
        }
    }
}
