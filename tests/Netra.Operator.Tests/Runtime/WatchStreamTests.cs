using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using Netra.ControllerRuntime;

namespace Netra.Operator.Tests.Runtime;

/// <summary>
/// How <see cref="WatchStream"/> ends a watch. The watches here stand in for KubernetesClient's: an
/// event it cannot read goes to its error callback and it reads on.
/// </summary>
public sealed class WatchStreamTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_event_the_client_cannot_read_stops_the_watch_with_an_error_instead_of_reading_on()
    {
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var (_, item) in WatchStream.ReadAsync<string>(ReadsOnAfterAnUnreadableEvent, "things", CancellationToken.None).WithCancellation(CancellationToken.None))
            {
                received.Add(item);
            }
        }).WaitAsync(Soon);

        Assert.Equal(["first"], received);
        Assert.Contains("The watch of things failed", error.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task A_watch_the_server_ends_ends_the_stream_without_an_error()
    {
        var received = new List<string>();

        await foreach (var (_, item) in WatchStream.ReadAsync<string>((_, _) => Events("first", "second"), "things", CancellationToken.None))
        {
            received.Add(item);
        }

        Assert.Equal(["first", "second"], received);
    }

    private static async IAsyncEnumerable<(WatchEventType, string)> ReadsOnAfterAnUnreadableEvent(Action<Exception> onError, [EnumeratorCancellation] CancellationToken stop)
    {
        yield return (WatchEventType.Added, "first");
        onError(new JsonException("The JSON value could not be converted."));
        await Task.Delay(Timeout.Infinite, stop);
        yield return (WatchEventType.Added, "never");
    }

    private static async IAsyncEnumerable<(WatchEventType, string)> Events(params string[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return (WatchEventType.Added, item);
        }
    }
}
