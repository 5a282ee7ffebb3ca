using Netra.Backend.Tests.Support;
using Netra.Testing;

namespace Netra.Backend.Tests.Integration;

public sealed class AgentRunTests
{
    private static readonly string[] Lifecycle = ["agent_started", "agent_thinking", "partial_result", "agent_completed", "final_report"];

    [Fact]
    public async Task A_user_message_is_acknowledged_then_the_agent_events_arrive_in_order_and_the_report_is_stored()
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await stack.ConnectAsAsync("alice");
        await socket.SendAsync("thread_create", new { title = "Run" });
        var threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;

        await socket.SendAsync("user_message", new { thread_id = threadId, content = "summarise my records" }, id: "m1");
        var ack = TestSocket.Payload(await socket.ExpectAsync("message_ack"));
        var report = TestSocket.Payload(await socket.ExpectAsync("final_report"));

        Assert.Equal("m1", ack.GetProperty("id").GetString());
        Assert.Equal(threadId, ack.GetProperty("thread_id").GetString());
        var runId = ack.GetProperty("run_id").GetString();
        var runEvents = socket.Frames
            .Where(f => TestSocket.Payload(f).TryGetProperty("run_id", out var r) && r.GetString() == runId && TestSocket.Type(f) != "message_ack")
            .ToList();
        var types = runEvents.Select(TestSocket.Type).Where(Lifecycle.Contains).Distinct().ToList();
        Assert.Equal(Lifecycle, types);
        Assert.Equal("agent_started", TestSocket.Type(runEvents[0]));
        Assert.Equal("final_report", TestSocket.Type(runEvents[^1]));
        Assert.All(runEvents, e => Assert.Equal(threadId, TestSocket.Payload(e).GetProperty("thread_id").GetString()));
        var chunks = runEvents.Where(e => TestSocket.Type(e) == "partial_result").Select(e => TestSocket.Payload(e).GetProperty("chunk_index").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(chunks[0], chunks.Count), chunks);
        Assert.False(string.IsNullOrEmpty(report.GetProperty("content").GetString()));

        await socket.SendAsync("thread_history", new { thread_id = threadId });
        var messages = TestSocket.Payload(await socket.ExpectAsync("thread_history")).GetProperty("messages");
        Assert.Equal("summarise my records", messages[0].GetProperty("content").GetString());
        Assert.Equal(ack.GetProperty("message_id").GetString(), messages[0].GetProperty("message_id").GetString());
        Assert.Equal(report.GetProperty("content").GetString(), messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Events_are_relayed_as_they_arrive_not_after_the_run()
    {
        await using var stack = await LiveServices.StartAsync(agent: ["--Agent:Streaming:ChunkDelay=00:00:00.200"]);
        using var socket = await stack.ConnectAsAsync("alice");
        await socket.SendAsync("thread_create", new { title = "Stream" });
        var threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;

        await socket.SendAsync("user_message", new { thread_id = threadId, content = "stream it" });
        await socket.ExpectAsync("partial_result");
        var runStillActive = stack.Runs.ActiveRuns;
        var reportYet = socket.Frames.Any(f => TestSocket.Type(f) == "final_report");
        await socket.ExpectAsync("final_report");

        Assert.Equal(1, runStillActive);
        Assert.False(reportYet);
    }

    [Fact]
    public async Task Agent_cancel_stops_the_run_and_unknown_runs_are_reported()
    {
        await using var stack = await LiveServices.StartAsync(agent: ["--Agent:Streaming:ChunkDelay=00:00:00.300"]);
        using var socket = await stack.ConnectAsAsync("alice");
        using var bob = await stack.ConnectAsAsync("bob");
        await socket.SendAsync("thread_create", new { title = "Cancel" });
        var threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;
        await socket.SendAsync("user_message", new { thread_id = threadId, content = "a long answer please" });
        var runId = TestSocket.Payload(await socket.ExpectAsync("message_ack")).GetProperty("run_id").GetString();
        await socket.ExpectAsync("partial_result");

        await bob.SendAsync("agent_cancel", new { run_id = runId });
        var bobsError = TestSocket.Payload(await bob.ExpectAsync("error"));
        await socket.SendAsync("agent_cancel", new { run_id = runId });
        var ended = TestSocket.Payload(await socket.ExpectAsync(f => TestSocket.Type(f) == "error" && TestSocket.Payload(f).GetProperty("run_id").GetString() == runId, "the run to end with an error"));

        Assert.Equal("run_not_found", bobsError.GetProperty("code").GetString());
        Assert.DoesNotContain(socket.Frames, f => TestSocket.Type(f) == "final_report");
        Assert.False(string.IsNullOrEmpty(ended.GetProperty("code").GetString()));
        await Eventually.WaitUntilAsync(() => stack.Runs.ActiveRuns == 0, "the relay to forget the run");
    }

    [Fact]
    public async Task Runs_of_different_users_never_reach_each_other()
    {
        await using var stack = await LiveServices.StartAsync();
        using var alice = await stack.ConnectAsAsync("alice");
        using var bob = await stack.ConnectAsAsync("bob");
        await alice.SendAsync("thread_create", new { title = "A" });
        var aliceThread = TestSocket.Payload(await alice.ExpectAsync("thread_created")).GetProperty("thread_id").GetString();
        await bob.SendAsync("thread_create", new { title = "B" });
        var bobThread = TestSocket.Payload(await bob.ExpectAsync("thread_created")).GetProperty("thread_id").GetString();

        await alice.SendAsync("user_message", new { thread_id = aliceThread, content = "alice asks" });
        await bob.SendAsync("user_message", new { thread_id = bobThread, content = "bob asks" });
        await alice.ExpectAsync("final_report");
        await bob.ExpectAsync("final_report");

        Assert.All(alice.Frames.Where(f => TestSocket.Payload(f).TryGetProperty("thread_id", out _)),
            f => Assert.Equal(aliceThread, TestSocket.Payload(f).GetProperty("thread_id").GetString()));
        Assert.All(bob.Frames.Where(f => TestSocket.Payload(f).TryGetProperty("thread_id", out _)),
            f => Assert.Equal(bobThread, TestSocket.Payload(f).GetProperty("thread_id").GetString()));
    }

    [Fact]
    public async Task Another_connection_of_the_user_that_switched_to_the_thread_receives_the_run_too()
    {
        await using var stack = await LiveServices.StartAsync();
        var token = await stack.LoginAsync("alice");
        using var sender = await stack.ConnectAsync(token);
        using var watcher = await stack.ConnectAsync(token);
        using var elsewhere = await stack.ConnectAsync(token);
        await sender.SendAsync("thread_create", new { title = "Shared" });
        var threadId = TestSocket.Payload(await sender.ExpectAsync("thread_created")).GetProperty("thread_id").GetString();
        await watcher.SendAsync("thread_switch", new { thread_id = threadId });
        await watcher.ExpectAsync("thread_switched");

        await sender.SendAsync("user_message", new { thread_id = threadId, content = "everyone watching sees this" });
        var sent = TestSocket.Payload(await sender.ExpectAsync("final_report"));
        var watched = TestSocket.Payload(await watcher.ExpectAsync("final_report"));
        await elsewhere.SendAsync("ping");
        await elsewhere.ExpectAsync("pong");

        Assert.Equal(sent.GetProperty("run_id").GetString(), watched.GetProperty("run_id").GetString());
        Assert.DoesNotContain(elsewhere.Frames, f => TestSocket.Type(f) == "final_report");
    }

    [Fact]
    public async Task A_run_cut_off_by_a_backend_stop_is_marked_interrupted_in_its_thread_after_the_restart()
    {
        await using var stack = await LiveServices.StartAsync(agent: ["--Agent:Streaming:ChunkDelay=00:00:00.500"]);
        string threadId;
        string? interruptedRunId;
        using (var socket = await stack.ConnectAsAsync("alice"))
        {
            await socket.SendAsync("thread_create", new { title = "Crash" });
            threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;
            await socket.SendAsync("user_message", new { thread_id = threadId, content = "short" });
            await socket.ExpectAsync("final_report", TimeSpan.FromSeconds(30));
            await socket.SendAsync("user_message", new { thread_id = threadId, content = "this one is cut off" });
            interruptedRunId = TestSocket.Payload(await socket.ExpectAsync("message_ack")).GetProperty("run_id").GetString();
            await socket.ExpectAsync(
                f => TestSocket.Type(f) == "agent_started" && TestSocket.Payload(f).GetProperty("run_id").GetString() == interruptedRunId,
                "the second run to start");
        }

        await stack.RestartBackendAsync();
        using var again = await stack.ConnectAsAsync("alice");
        await again.SendAsync("thread_history", new { thread_id = threadId });
        var messages = TestSocket.Payload(await again.ExpectAsync("thread_history")).GetProperty("messages").EnumerateArray().ToList();

        Assert.Equal(["user", "assistant", "user", "system"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(interruptedRunId, messages[3].GetProperty("run_id").GetString());
        Assert.Contains("interrupted", messages[3].GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
