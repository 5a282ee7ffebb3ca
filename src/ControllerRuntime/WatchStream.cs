using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;

namespace Netra.Operator.Runtime;

/// <summary>
/// Reads a KubernetesClient watch, turning the server's "resourceVersion too old" (HTTP 410, as a
/// response or as an ERROR event) into <see cref="ResourceVersionGoneException"/> and any other
/// failure into an exception instead of a silently ended stream.
/// </summary>
public static class WatchStream
{
    /// <param name="start">Starts the watch, given the callback KubernetesClient reports errors to.</param>
    public static async IAsyncEnumerable<(WatchEventType Type, T Object)> ReadAsync<T>(
        Func<Action<Exception>, IAsyncEnumerable<(WatchEventType, T)>> start, string what, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? failure = null;
        await using var changes = start(error => failure ??= error).GetAsyncEnumerator(cancellationToken);
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
                throw new IOException($"The watch of {what} failed: {failure.Message}", failure);
        }
    }
}
