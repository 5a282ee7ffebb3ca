using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;

namespace Netra.ControllerRuntime;

/// <summary>
/// Reads a KubernetesClient watch, turning the server's "resourceVersion too old" (HTTP 410, as a
/// response or as an ERROR event) into <see cref="ResourceVersionGoneException"/> and any other
/// failure into an exception instead of a silently ended stream.
/// </summary>
public static class WatchStream
{
    /// <param name="start">Starts the watch, given the callback KubernetesClient reports errors to and the token that stops it.</param>
    // KubernetesClient reads each event by reflection, first as a Watcher<KubernetesObject>.WatchEvent
    // (to tell an error Status), then as a Watcher<T>.WatchEvent: the ahead-of-time compiled image
    // has to keep their constructors and properties.
    [DynamicDependency(
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties,
        typeof(Watcher<>.WatchEvent))]
    [DynamicDependency(
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties,
        typeof(KubernetesObject))]
    public static async IAsyncEnumerable<(WatchEventType Type, T Object)> ReadAsync<T>(
        Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> start,
        string what,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? failure = null;
        // KubernetesClient reports an event it cannot read to the callback and reads on. The watch is
        // stopped there instead: the failure is logged and the watch resumed from the last event
        // read, so the change is read again rather than missed.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var changes = start(
            error =>
            {
                failure ??= error;
                failed.Cancel();
            },
            failed.Token).GetAsyncEnumerator(failed.Token);
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
            catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
            {
                more = false;
            }

            if (!more || failure is not null)
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
