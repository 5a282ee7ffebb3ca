using Netra.Backend.Tests.Support;

namespace Netra.Backend.Tests.Integration;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"type\":\"no_such_type\",\"payload\":{}}")]
    [InlineData("{\"payload\":{\"title\":\"no type\"}}")]
    [InlineData("{\"type\":\"thread_create\",\"payload\":{\"title\":42}}")]
    [InlineData("{\"type\":\"user_message\",\"payload\":{\"content\":\"no thread\"}}")]
    [InlineData("{\"type\":\"user_message\",\"payload\":{\"thread_id\":\"thr_x\",\"text\":\"content is the field\"}}")]
    [InlineData("{\"type\":\"thread_history\",\"payload\":{\"thread_id\":\"thr_x\",\"limit\":\"ten\"}}")]
    [InlineData("{\"type\":\"resume\",\"payload\":{\"session_id\":\"ses_x\"}}")]
    public async Task Invalid_frames_get_invalid_message_change_nothing_and_keep_the_connection(string frame)
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await stack.ConnectAsAsync("alice");

        await socket.SendRawAsync(frame);
        var error = await socket.ExpectAsync("error");
        await socket.SendAsync("thread_list", id: "after");
        var list = await socket.ExpectAsync("thread_list");

        Assert.Equal("invalid_message", TestSocket.Payload(error).GetProperty("code").GetString());
        Assert.False(TestSocket.Payload(error).GetProperty("retryable").GetBoolean());
        Assert.True(socket.IsOpen);
        Assert.Equal("after", list.GetProperty("id").GetString());
        Assert.Equal(0, TestSocket.Payload(list).GetProperty("threads").GetArrayLength());
    }

    [Fact]
    public async Task Every_server_frame_is_an_envelope_with_a_growing_seq_and_replies_echo_the_id()
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await stack.ConnectAsAsync("alice");

        await socket.SendAsync("ping", id: "p1");
        var pong = await socket.ExpectAsync("pong");
        await socket.SendAsync("thread_create", new { title = "Plans" }, id: "c1");
        await socket.ExpectAsync("thread_created");

        Assert.Equal("p1", pong.GetProperty("id").GetString());
        var seqs = socket.Frames.Select(TestSocket.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.All(socket.Frames, frame =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Object, frame.GetProperty("payload").ValueKind);
            Assert.EndsWith("Z", frame.GetProperty("ts").GetString(), StringComparison.Ordinal);
        });
    }
}
