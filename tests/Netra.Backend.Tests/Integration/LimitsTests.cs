using System.Net.WebSockets;
using System.Text;
using Netra.Backend.Tests.Support;
using Netra.Testing;

namespace Netra.Backend.Tests.Integration;

public sealed class LimitsTests
{
    [Fact]
    public async Task A_frame_over_the_limit_closes_with_1009()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:MaxFrameBytes=1024"]);
        using var socket = await stack.ConnectAsAsync("alice");

        await socket.SendAsync("ping", new { padding = new string('x', 900) });
        await socket.ExpectAsync("pong");
        await socket.SendAsync("ping", new { padding = new string('x', 2000) });
        var closed = await socket.ExpectClosedAsync();

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, closed.CloseStatus);
    }

    [Fact]
    public async Task Over_the_rate_gets_rate_limited_then_persistent_abuse_closes_4029()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:MessagesPerMinute=5", "--Backend:RateLimitStrikes=3"]);
        using var socket = await stack.ConnectAsAsync("alice");

        for (var i = 0; i < 6; i++)
        {
            await socket.SendAsync("ping");
        }

        var limited = TestSocket.Payload(await socket.ExpectAsync("rate_limited"));
        Assert.Equal(5, socket.Frames.Count(f => TestSocket.Type(f) == "pong"));
        Assert.InRange(limited.GetProperty("retry_after_ms").GetInt64(), 1, 12_000);
        Assert.True(socket.IsOpen);

        for (var i = 0; i < 5 && socket.Disconnection is null; i++)
        {
            await socket.SendAsync("ping");
        }

        var closed = await socket.ExpectClosedAsync();
        Assert.Equal(4029, (int)closed.CloseStatus!);
        Assert.Equal(5, socket.Frames.Count(f => TestSocket.Type(f) == "pong"));
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_its_queue_bounded()
    {
        const int capacity = 16;
        await using var stack = await LiveServices.StartAsync(backend: [$"--Backend:SendQueueCapacity={capacity}", "--Backend:MessagesPerMinute=1000000"]);
        var token = await stack.LoginAsync("alice");
        using var reader = await stack.ConnectAsync(token);
        using var stalled = await RawSocket.ConnectAsync(stack.WebSocketUri, token);
        var title = new string('t', 200);
        var threadCreate = Encoding.UTF8.GetBytes($"{{\"type\":\"thread_create\",\"payload\":{{\"title\":\"{title}\"}}}}");
        var threadList = Encoding.UTF8.GetBytes("{\"type\":\"thread_list\",\"payload\":{}}");

        // Never reads: every answer (tens of KB each) piles up until the socket buffers and the queue are full.
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        try
        {
            for (var i = 0; i < 50; i++)
            {
                await stalled.SendAsync(threadCreate, WebSocketMessageType.Text, true, deadline.Token);
            }

            for (var i = 0; i < 5000 && stack.Connections.SlowConsumerClosures == 0; i++)
            {
                await stalled.SendAsync(threadList, WebSocketMessageType.Text, true, deadline.Token);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // The server dropped us mid-flood (that is the point); a send stuck past the deadline fails below.
        }

        await Eventually.WaitUntilAsync(() => stack.Connections.SlowConsumerClosures == 1, "the stalled client to be closed");
        await Eventually.WaitUntilAsync(() => stack.Connections.OpenConnections == 1, "only the reading client to remain");
        Assert.InRange(stack.Connections.QueueHighWater, 1, capacity);
        await reader.SendAsync("ping");
        await reader.ExpectAsync("pong");
    }

    [Fact]
    public async Task A_peer_that_answers_no_keep_alive_ping_is_dropped_after_the_idle_timeout()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:KeepAliveInterval=00:00:00.250", "--Backend:IdleTimeout=00:00:01"]);
        var token = await stack.LoginAsync("alice");
        using var reading = await stack.ConnectAsync(token);
        using var silent = await RawSocket.ConnectAsync(stack.WebSocketUri, token);
        await Eventually.WaitUntilAsync(() => stack.Connections.OpenConnections == 2, "both connections to open");

        await Eventually.WaitUntilAsync(() => stack.Connections.OpenConnections == 1, "the silent peer to be dropped");

        Assert.Equal(0, stack.Connections.SlowConsumerClosures);
        Assert.True(reading.IsOpen);
        await reading.SendAsync("ping");
        await reading.ExpectAsync("pong");
    }
}
