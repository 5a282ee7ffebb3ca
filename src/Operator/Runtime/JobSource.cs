using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Netra.Operator.Runtime;

/// <summary>Jobs of every namespace that match a label selector: how a controller hears that the Jobs it created changed.</summary>
public sealed class JobSource(IKubernetes client, string labelSelector) : IResourceSource<V1Job>
{
    public async Task<(IReadOnlyList<V1Job> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.BatchV1.ListJobForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: cancellationToken);
        return ([.. list.Items], list.Metadata?.ResourceVersion ?? string.Empty);
    }

    public async IAsyncEnumerable<(WatchEventType Type, V1Job Object)> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var events = client.BatchV1.WatchListJobForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, onError: error => failure ??= error, cancellationToken: cancellationToken);
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

            yield return changes.Current;
        }

        switch (failure)
        {
            case KubernetesException { Status.Code: (int)HttpStatusCode.Gone } gone:
                throw new ResourceVersionGoneException(gone.Message, gone);
            case not null when !cancellationToken.IsCancellationRequested:
                throw new IOException($"The watch of jobs failed: {failure.Message}", failure);
        }
    }
}
