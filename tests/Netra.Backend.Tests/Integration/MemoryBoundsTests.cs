using System.Net.WebSockets;
using System.Text;
using Netra.Backend.Tests.Support;
using Netra.Testing;

namespace Netra.Backend.Tests.Integration;

/// <summary>Issue 15 item 5: what one client can make the backend hold is bounded in bytes, not frames.</summary>
public sealed class MemoryBoundsTests
{
    private const int AgentInputLimit = 32_000;

    [Fact]
    public async Task A_history_page_is_bounded_in_bytes_and_its_text_is_utf8_not_escaped()
    {
        const int pageBytes = 100_000;
        await using var stack = await LiveServices.StartAsync(backend: [$"--Backend:HistoryPageBytes={pageBytes}"]);
        using var socket = await stack.ConnectAsAsync("alice");
        var threadId = await CreateThreadAsync(socket);
        var large = new string('日', 20_000); // 60,000 bytes of UTF-8; 120,000 when escaped as \uXXXX
        for (var i = 0; i < 3; i++)
        {
            await socket.SendAsync("user_message", new { thread_id = threadId, content = large });
            await socket.ExpectAsync("final_report");
        }

        await socket.SendAsync("thread_history", new { thread_id = threadId, limit = 200 });
        var page = TestSocket.Payload(await socket.ExpectAsync("thread_history"));

        var contents = page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()!).ToList();
        Assert.InRange(contents.Sum(Encoding.UTF8.GetByteCount), 1, pageBytes);
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(large, contents[^2]);
        Assert.True(page.TryGetProperty("next_before_seq", out _));
    }

    [Fact]
    public async Task A_message_longer_than_the_agent_accepts_is_refused_and_not_stored()
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await stack.ConnectAsAsync("alice");
        var threadId = await CreateThreadAsync(socket);

        await socket.SendAsync("user_message", new { thread_id = threadId, content = new string('x', AgentInputLimit + 1) }, id: "big");
        var error = await socket.ExpectAsync("error");

        Assert.Equal("big", error.GetProperty("id").GetString());
        Assert.Equal("invalid_message", TestSocket.Payload(error).GetProperty("code").GetString());
        await socket.SendAsync("thread_history", new { thread_id = threadId });
        Assert.Equal(0, TestSocket.Payload(await socket.ExpectAsync("thread_history")).GetProperty("messages").GetArrayLength());
        await socket.SendAsync("user_message", new { thread_id = threadId, content = new string('x', AgentInputLimit) });
        await socket.ExpectAsync("message_ack");
    }

    [Fact]
    public async Task Large_history_answers_to_a_client_that_does_not_read_stay_within_the_send_queue_byte_budget()
    {
        const long queueBytes = 512 * 1024;
        await using var stack = await LiveServices.StartAsync(backend:
        [
            $"--Backend:SendQueueBytes={queueBytes}", "--Backend:SendQueueCapacity=100000", "--Backend:MessagesPerMinute=1000000",
        ]);
        var token = await stack.LoginAsync("alice");
        using var writer = await stack.ConnectAsync(token);
        var threadId = await CreateThreadAsync(writer);
        for (var i = 0; i < 4; i++)
        {
            await writer.SendAsync("user_message", new { thread_id = threadId, content = new string('é', AgentInputLimit) });
            await writer.ExpectAsync("final_report");
        }

        using var stalled = await RawSocket.ConnectAsync(stack.WebSocketUri, token);
        var history = Encoding.UTF8.GetBytes($"{{\"type\":\"thread_history\",\"payload\":{{\"thread_id\":\"{threadId}\",\"limit\":200}}}}");
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        try
        {
            // Each answer is about 260 KB; the socket buffers fill, then the queue, then the server lets go.
            for (var i = 0; i < 2000 && stack.Connections.SlowConsumerClosures == 0; i++)
            {
                await stalled.SendAsync(history, WebSocketMessageType.Text, true, deadline.Token);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // Dropped mid-flood, as intended.
        }

        await Eventually.WaitUntilAsync(() => stack.Connections.SlowConsumerClosures == 1, "the stalled client to be closed");
        await Eventually.WaitUntilAsync(() => stack.Connections.OpenConnections == 1, "only the reading client to remain");
        Assert.InRange(stack.Connections.QueuedBytesHighWater, 1, queueBytes);
    }

    private static async Task<string> CreateThreadAsync(TestSocket socket)
    {
        await socket.SendAsync("thread_create", new { title = "Bounds" });
        return TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;
    }
}
