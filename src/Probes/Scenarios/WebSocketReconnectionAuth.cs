using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>
/// Reconnecting: a session resumed with <c>resume {session_id, last_seq}</c> (the first frame of the
/// new connection) replays what was missed once and in order, including what a run produced while the
/// user was away; tokens that expire end connections unless refreshed.
/// </summary>
public sealed class WebSocketReconnectionAuth : Scenario
{
    public WebSocketReconnectionAuth()
        : base(ScenarioNames.WebSocketReconnectionAuth, "token expiry, state restoration, message queue replay")
    {
        BindCases(
            Case("seq-counts-up", SeqCountsUp, CaseNeeds.ModelRuns),
            Case("resume-replays-missed", ResumeReplaysMissed, CaseNeeds.ModelRuns),
            Case("replay-once-in-order", ReplayOnceInOrder, CaseNeeds.ModelRuns),
            Case("run-continues-while-away", RunContinuesWhileAway, CaseNeeds.ModelRuns),
            Case("other-user-cannot-resume", OtherUserCannotResume),
            Case("unknown-session-expired", UnknownSessionExpired),
            Case("state-restored-on-new-connection", StateRestoredOnNewConnection, CaseNeeds.ModelRuns),
            WaitingCase("expired-token-closes-4001", ExpiredTokenCloses4001, CaseNeeds.ShortTokens),
            WaitingCase("expired-token-refreshed-in-time", ExpiredTokenRefreshedInTime, CaseNeeds.ShortTokens));
    }

    private static async Task SeqCountsUp(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "seq", ct);
        var exchange = await Chat.SendAsync(session.Connection, thread, "look up the status of the billing service", ct);
        var seqs = new[] { session.Connected }.Concat(exchange.Frames).Select(f => f.Seq).ToList();
        Expect.That(seqs.All(s => s is not null), "a seq on every server frame", string.Join(", ", seqs));
        Expect.That(seqs.Zip(seqs.Skip(1)).All(p => p.Second > p.First), "seq increasing", string.Join(", ", seqs));
    }

    /// <summary>Starts a run, drops the connection after the ack and resumes on a new one; returns what came before and after.</summary>
    private static async Task<(long LastSeq, IReadOnlyList<Envelope> Replayed)> DropAndResumeAsync(ProbeContext ctx, CancellationToken ct)
    {
        string sessionId;
        long lastSeq;
        await using (var first = await ctx.ConnectAsync(ctx.Credentials.User, ct))
        {
            sessionId = first.SessionId;
            var thread = await Chat.CreateThreadAsync(first.Connection, "away", ct);
            first.Connection.Send(
                "user_message",
                new { thread_id = thread, content = "write a summary report of open incidents" },
                Chat.NewId());
            var ack = await first.Connection.WaitForAsync("message_ack", ct);
            Expect.That(ack.Seq is not null, "message_ack.seq", ack.Raw);
            lastSeq = ack.Seq!.Value;
            // The run has started before the drop, so the replay has something to carry however slow the machine;
            // its later events are produced while the user is away.
            await first.Connection.WaitForAsync("agent_started", ct);
        }

        var token = await ctx.AccessTokenAsync(ctx.Credentials.User, ct);
        await using var second = await BackendConnection.OpenAsync(ctx.Targets.BackendUrl, token, ct);
        await second.WaitForAsync("connected", ct);
        second.Send("resume", new { session_id = sessionId, last_seq = lastSeq }, Chat.NewId());
        var replayed = await second.ReadUntilAsync(f => f.Type == "connected" || f.Type == "error", ct);
        return (lastSeq, replayed);
    }

    private static async Task ResumeReplaysMissed(ProbeContext ctx, CancellationToken ct)
    {
        var (_, frames) = await DropAndResumeAsync(ctx, ct);
        var last = frames[^1];
        Expect.Equal("connected", last.Type, "the frame that ends the replay");
        Expect.That(last.Payload.TryGetProperty("resumed", out var resumed) && resumed.GetBoolean(), "connected.resumed true", last.Raw);
        Expect.That(
            frames.Any(f => f.Type == "agent_started"),
            "the run's events among the replayed frames",
            string.Join(", ", frames.Select(f => f.Type)));
    }

    private static async Task ReplayOnceInOrder(ProbeContext ctx, CancellationToken ct)
    {
        var (lastSeq, frames) = await DropAndResumeAsync(ctx, ct);
        var seqs = frames.Select(f => f.Seq ?? -1).ToList();
        var expected = Enumerable.Range(0, seqs.Count).Select(i => lastSeq + 1 + i).ToList();
        Expect.Equal(string.Join(",", expected), string.Join(",", seqs), "the seqs of the replayed frames (and the resumed connected)");
    }

    private static async Task RunContinuesWhileAway(ProbeContext ctx, CancellationToken ct)
    {
        var (_, frames) = await DropAndResumeAsync(ctx, ct);
        var types = frames.Select(f => f.Type).ToList();
        if (!types.Contains("final_report"))
        {
            // The run may still be streaming when the replay ends; the rest arrives live on the resumed session.
            Expect.That(types[^1] == "connected", "a resumed session", string.Join(", ", types));
        }

        Expect.That(types.Contains("agent_started"), "events produced while away", string.Join(", ", types));
    }

    private static async Task OtherUserCannotResume(ProbeContext ctx, CancellationToken ct)
    {
        string sessionId;
        await using (var alice = await ctx.ConnectAsync(ctx.Credentials.User, ct))
        {
            sessionId = alice.SessionId;
            await Chat.CreateThreadAsync(alice.Connection, "private", ct);
        }

        await using var bob = await ctx.ConnectAsync(ctx.Credentials.OtherUser, ct);
        var error = await Chat.ExpectErrorAsync(bob.Connection, "resume", new { session_id = sessionId, last_seq = 0 }, ct);
        Expect.Equal("session_expired", error.Payload.Text("code"), "the error code for another user's session");
    }

    private static async Task UnknownSessionExpired(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var error = await Chat.ExpectErrorAsync(
            session.Connection,
            "resume",
            new { session_id = Guid.NewGuid().ToString(), last_seq = 0 },
            ct);
        Expect.Equal("session_expired", error.Payload.Text("code"), "the error code for an unknown session");
    }

    private static async Task StateRestoredOnNewConnection(ProbeContext ctx, CancellationToken ct)
    {
        string thread;
        await using (var first = await ctx.ConnectAsync(ctx.Credentials.User, ct))
        {
            thread = await Chat.CreateThreadAsync(first.Connection, "kept", ct);
            await Chat.SendAsync(first.Connection, thread, "hello there", ct);
        }

        await using var second = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        second.Connection.Send("thread_list", new { }, Chat.NewId());
        var list = await second.Connection.WaitForAsync("thread_list", ct);
        Expect.That(
            list.Payload.GetProperty("threads").EnumerateArray().Any(t => t.Text("thread_id") == thread),
            "the thread in the new connection's thread_list",
            list.Raw);
        var history = await Chat.HistoryAsync(second.Connection, thread, ct);
        Expect.That(
            history.GetProperty("messages").GetArrayLength() >= 2,
            "the message and its report in the history",
            history.GetRawText());
    }

    private static async Task ExpiredTokenCloses4001(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.ExpiryUser!, ct, ownTokens: true);
        var expired = await session.Connection.WaitForAsync("auth_expired", ct);
        Expect.That(expired.Payload.Text("reason") is { Length: > 0 }, "auth_expired.reason", expired.Raw);
        Expect.Equal(4001, await session.Connection.WaitClosedAsync(ct), "the close code after auth_expired without a refresh");
    }

    private static async Task ExpiredTokenRefreshedInTime(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.ExpiryUser!, ct, ownTokens: true);
        await session.Connection.WaitForAsync("auth_expired", ct);
        var fresh = await ctx.Auth.RefreshAsync(session.Tokens.RefreshToken, ct);
        session.Connection.Send("auth_refresh", new { access_token = fresh.AccessToken }, Chat.NewId());
        await session.Connection.WaitForAsync("auth_refreshed", ct);
        await Chat.ExpectOpenAsync(session.Connection, ct);
    }
}
