using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>Users, threads and runs never see each other, even when their agents run at the same time.</summary>
public sealed class MultiAgentIsolation : Scenario
{
    private const string Input = "look up the availability of the search service";

    public MultiAgentIsolation()
        : base(ScenarioNames.MultiAgentIsolation, "user isolation, concurrent agents, threads")
    {
        BindCases(
            Case("concurrent-users-get-own-events", ConcurrentUsersGetOwnEvents, CaseNeeds.ModelRuns),
            Case("concurrent-threads-of-one-user", ConcurrentThreadsOfOneUser, CaseNeeds.ModelRuns),
            Case("other-users-thread-indistinguishable", OtherUsersThreadIndistinguishable),
            Case("cannot-cancel-other-users-run", CannotCancelOtherUsersRun, CaseNeeds.ModelRuns),
            Case("agent-streams-isolated", AgentStreamsIsolated, CaseNeeds.ModelRuns));
    }

    private static async Task ConcurrentUsersGetOwnEvents(ProbeContext ctx, CancellationToken ct)
    {
        await using var alice = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        await using var bob = await ctx.ConnectAsync(ctx.Credentials.OtherUser, ct);
        var aliceThread = await Chat.CreateThreadAsync(alice.Connection, "alice", ct);
        var bobThread = await Chat.CreateThreadAsync(bob.Connection, "bob", ct);

        var runs = await Task.WhenAll(
            Chat.SendAsync(alice.Connection, aliceThread, Input, ct),
            Chat.SendAsync(bob.Connection, bobThread, Input, ct));

        ExpectOnlyThread(runs[0], aliceThread, "alice");
        ExpectOnlyThread(runs[1], bobThread, "bob");
    }

    private static void ExpectOnlyThread(Chat.Exchange exchange, string threadId, string who)
    {
        var foreign = exchange.AgentEvents.Where(e => e.Payload.Text("thread_id") != threadId).ToList();
        Expect.That(foreign.Count == 0, $"{who} to receive only events of thread {threadId}", string.Join(" | ", foreign));
        RunStreams.ExpectFinalReport(exchange.Last, $"the end of {who}'s run");
    }

    private static async Task ConcurrentThreadsOfOneUser(ProbeContext ctx, CancellationToken ct)
    {
        await using var alice = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var one = await Chat.CreateThreadAsync(alice.Connection, "one", ct);
        var two = await Chat.CreateThreadAsync(alice.Connection, "two", ct);
        alice.Connection.Send("user_message", new { thread_id = one, content = "first thread question" }, Chat.NewId());
        alice.Connection.Send("user_message", new { thread_id = two, content = "second thread question" }, Chat.NewId());

        var finished = new HashSet<string?>();
        var frames = await alice.Connection.ReadUntilAsync(
            f => Chat.EndsRun(f) && finished.Add(f.Payload.Text("thread_id")) && finished.Count == 2,
            ct);
        Expect.That(
            frames.Where(f => f.Type == "final_report").Select(f => f.Payload.Text("thread_id")).ToHashSet().SetEquals([one, two]),
            "a final_report for each thread",
            string.Join(", ", frames.Select(f => f.Type)));

        var historyOne = await Chat.HistoryAsync(alice.Connection, one, ct);
        var contents = historyOne.GetProperty("messages").EnumerateArray().Select(m => m.Text("content")).ToList();
        Expect.That(
            contents.Contains("first thread question") && !contents.Contains("second thread question"),
            "thread one's history to hold only its own message",
            string.Join(" | ", contents));
    }

    private static async Task OtherUsersThreadIndistinguishable(ProbeContext ctx, CancellationToken ct)
    {
        await using var alice = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var aliceThread = await Chat.CreateThreadAsync(alice.Connection, "mine", ct);
        await using var bob = await ctx.ConnectAsync(ctx.Credentials.OtherUser, ct);

        var foreign = await Chat.ExpectErrorAsync(bob.Connection, "thread_history", new { thread_id = aliceThread }, ct);
        var missing = await Chat.ExpectErrorAsync(bob.Connection, "thread_history", new { thread_id = Guid.NewGuid().ToString() }, ct);
        Expect.Equal("thread_not_found", foreign.Payload.Text("code"), "the code for another user's thread");
        Expect.Equal(missing.Payload.Text("code"), foreign.Payload.Text("code"), "the code compared with a missing thread");
        Expect.Equal(missing.Payload.Text("message"), foreign.Payload.Text("message"), "the message compared with a missing thread");
    }

    private static async Task CannotCancelOtherUsersRun(ProbeContext ctx, CancellationToken ct)
    {
        await using var alice = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        await using var bob = await ctx.ConnectAsync(ctx.Credentials.OtherUser, ct);
        var thread = await Chat.CreateThreadAsync(alice.Connection, "cancel", ct);
        alice.Connection.Send("user_message", new { thread_id = thread, content = "write a summary report of the quarter" }, Chat.NewId());
        var ack = await alice.Connection.WaitForAsync("message_ack", ct);
        var runId = Expect.NotNull(ack.Payload.Text("run_id"), "message_ack.run_id");

        var refused = await Chat.ExpectErrorAsync(bob.Connection, "agent_cancel", new { run_id = runId }, ct);
        Expect.Equal("run_not_found", refused.Payload.Text("code"), "the code for cancelling another user's run");
        var end = await alice.Connection.ReadUntilAsync(Chat.EndsRun, ct);
        RunStreams.ExpectFinalReport(end[^1], "the end of alice's run");
    }

    private static async Task AgentStreamsIsolated(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.AgentTokenAsync(ct);
        var requests = new[]
        {
            RunStreams.Request(ctx.Credentials.User.Username, Input),
            RunStreams.Request(ctx.Credentials.OtherUser.Username, Input),
        };
        var streams = await Task.WhenAll(requests.Select(r => ctx.Agent.RunToEndAsync(token, r, ct)));
        for (var i = 0; i < requests.Length; i++)
        {
            var runIds = streams[i].Select(e => e.Payload.Text("run_id")).Distinct().ToList();
            var threads = streams[i].Select(e => e.Payload.Text("thread_id")).Distinct().ToList();
            Expect.That(
                runIds.Count == 1 && threads.SequenceEqual([requests[i].ThreadId]),
                $"stream {i + 1} to carry one run and its own thread",
                $"runs {string.Join(",", runIds)}, threads {string.Join(",", threads)}");
        }

        Expect.That(
            streams[0][0].Payload.Text("run_id") != streams[1][0].Payload.Text("run_id"),
            "two distinct run ids",
            streams[0][0].Raw);
    }
}
