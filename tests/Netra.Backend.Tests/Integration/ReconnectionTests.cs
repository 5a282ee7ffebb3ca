using Netra.Backend.Tests.Support;
using Netra.Testing;

namespace Netra.Backend.Tests.Integration;

public sealed class ReconnectionTests
{
    [Fact]
    public async Task Resume_replays_everything_after_last_seq_once_in_order_including_what_ran_while_away()
    {
        await using var stack = await LiveServices.StartAsync(agent: ["--Agent:Streaming:ChunkDelay=00:00:00.100"]);
        var token = await stack.LoginAsync("alice");
        var first = await stack.ConnectAsync(token);
        var sessionId = TestSocket.Payload(first.Frames[0]).GetProperty("session_id").GetString();
        await first.SendAsync("thread_create", new { title = "Away" });
        var threadId = TestSocket.Payload(await first.ExpectAsync("thread_created")).GetProperty("thread_id").GetString();
        await first.SendAsync("user_message", new { thread_id = threadId, content = "keep working while I am gone" });
        // The client says it saw up to agent_started: on a busy machine the rest may already have reached it too,
        // and the replay must then hold it all again.
        var lastSeq = TestSocket.Seq(await first.ExpectAsync("agent_started"));
        first.Drop();
        first.Dispose();
        await Eventually.WaitUntilAsync(() => stack.Runs.ActiveRuns == 0, "the run to finish while the client is away");

        using var second = await stack.ConnectAsync(token);
        await second.SendAsync("resume", new { session_id = sessionId, last_seq = lastSeq }, id: "res");
        var resumed = await second.ExpectAsync("connected");

        var replayed = second.Frames.Skip(1).TakeWhile(f => TestSocket.Type(f) != "connected").ToList();
        Assert.NotEmpty(replayed);
        Assert.Equal(Enumerable.Range((int)lastSeq + 1, replayed.Count).Select(i => (long)i), replayed.Select(TestSocket.Seq));
        Assert.Equal("final_report", TestSocket.Type(replayed[^1]));
        Assert.True(TestSocket.Payload(resumed).GetProperty("resumed").GetBoolean());
        Assert.Equal(sessionId, TestSocket.Payload(resumed).GetProperty("session_id").GetString());
        Assert.Equal(TestSocket.Seq(replayed[^1]) + 1, TestSocket.Seq(resumed));

        await second.SendAsync("ping");
        var pong = await second.ExpectAsync("pong");
        Assert.Equal(TestSocket.Seq(resumed) + 1, TestSocket.Seq(pong));
        Assert.Equal(replayed.Count + 3, second.Frames.Count);
    }

    [Fact]
    public async Task Another_user_cannot_resume_a_session()
    {
        await using var stack = await LiveServices.StartAsync();
        using var alice = await stack.ConnectAsAsync("alice");
        var sessionId = TestSocket.Payload(alice.Frames[0]).GetProperty("session_id").GetString();
        await alice.SendAsync("thread_create", new { title = "Mine" });
        await alice.ExpectAsync("thread_created");

        using var bob = await stack.ConnectAsAsync("bob");
        await bob.SendAsync("resume", new { session_id = sessionId, last_seq = 0 });
        var error = TestSocket.Payload(await bob.ExpectAsync("error"));

        Assert.Equal("session_expired", error.GetProperty("code").GetString());
        Assert.DoesNotContain(bob.Frames, f => TestSocket.Type(f) == "thread_created");
        Assert.True(alice.IsOpen);
    }

    [Fact]
    public async Task An_expired_session_answers_session_expired()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:SessionExpiry=00:00:00.300"]);
        var token = await stack.LoginAsync("alice");
        var first = await stack.ConnectAsync(token);
        var sessionId = TestSocket.Payload(first.Frames[0]).GetProperty("session_id").GetString();
        first.Dispose();
        await Eventually.WaitUntilAsync(() => stack.Sessions.FindResumable(sessionId!, "alice") is null, "the session to expire");

        using var second = await stack.ConnectAsync(token);
        await second.SendAsync("resume", new { session_id = sessionId, last_seq = 1 });
        var error = TestSocket.Payload(await second.ExpectAsync("error"));

        Assert.Equal("session_expired", error.GetProperty("code").GetString());
        Assert.True(second.IsOpen);
    }

    [Fact]
    public async Task A_replay_that_outgrew_the_buffer_answers_session_expired()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:ReplayBufferSize=4"]);
        var token = await stack.LoginAsync("alice");
        var first = await stack.ConnectAsync(token);
        var sessionId = TestSocket.Payload(first.Frames[0]).GetProperty("session_id").GetString();
        for (var i = 0; i < 6; i++)
        {
            await first.SendAsync("ping");
        }

        await Eventually.WaitUntilAsync(() => first.Frames.Count == 7, "six pongs");
        first.Dispose();

        using var second = await stack.ConnectAsync(token);
        await second.SendAsync("resume", new { session_id = sessionId, last_seq = 1 });
        var error = TestSocket.Payload(await second.ExpectAsync("error"));

        Assert.Equal("session_expired", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Resume_is_only_accepted_as_the_first_frame()
    {
        await using var stack = await LiveServices.StartAsync();
        var token = await stack.LoginAsync("alice");
        var first = await stack.ConnectAsync(token);
        var sessionId = TestSocket.Payload(first.Frames[0]).GetProperty("session_id").GetString();
        first.Dispose();

        using var second = await stack.ConnectAsync(token);
        await second.SendAsync("ping");
        await second.ExpectAsync("pong");
        await second.SendAsync("resume", new { session_id = sessionId, last_seq = 1 });
        var error = TestSocket.Payload(await second.ExpectAsync("error"));

        Assert.Equal("invalid_message", error.GetProperty("code").GetString());
    }
}
