using System.Net;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>
/// Streaming agent output to users while their tokens are checked again and again, and the limits
/// that protect the backend. The rate and connection limit cases act as the spare user, so that
/// other scenarios' users are never throttled.
/// </summary>
public sealed class StreamingAuthValidation : Scenario
{
    private const string Input = "write a summary report of the weekly deploys";

    public StreamingAuthValidation()
        : base(ScenarioNames.StreamingAuthValidation, "periodic auth checks, rate limiting, chunked delivery")
    {
        BindCases(
            Case("events-relayed-in-order", EventsRelayedInOrder, CaseNeeds.ModelRuns),
            Case("chunked-delivery", ChunkedDelivery, CaseNeeds.ModelRuns),
            Case("report-stored", ReportStored, CaseNeeds.ModelRuns),
            WaitingCase("revocation-detected", RevocationDetected, CaseNeeds.RevocationRecheck),
            WaitingCase("revoked-closes-4001", RevokedCloses4001, CaseNeeds.RevocationRecheck),
            Case("refresh-keeps-stream", RefreshKeepsStream, CaseNeeds.RevocationRecheck | CaseNeeds.ModelRuns),
            WaitingCase("expiry-detected", ExpiryDetected, CaseNeeds.ShortTokens),
            Case("rate-limited", RateLimited, CaseNeeds.Throttling),
            Case("abuse-closes-4029", AbuseCloses4029, CaseNeeds.Throttling),
            Case("connection-cap", ConnectionCap, CaseNeeds.Throttling));
    }

    private static async Task EventsRelayedInOrder(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "relay", ct);
        var exchange = await Chat.SendAsync(session.Connection, thread, Input, ct);
        Expect.Equal("message_ack", exchange.Frames[0].Type, "the first frame after user_message");
        RunStreams.ExpectLifecycleOrder(exchange.AgentEvents);
    }

    private static async Task ChunkedDelivery(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "chunks", ct);
        var chunks = (await Chat.SendAsync(session.Connection, thread, Input, ct)).AgentEvents.Where(e => e.Type == "partial_result")
            .ToList();
        Expect.That(chunks.Count >= 1, "partial_result frames", "none");
        Expect.Equal(
            string.Join(",", Enumerable.Range(0, chunks.Count)),
            string.Join(",", chunks.Select(c => c.Payload.TryGetProperty("chunk_index", out var i) ? i.GetInt32() : -1)),
            "chunk_index of the relayed chunks");
        Expect.That(
            chunks.Select(c => c.Seq).Distinct().Count() == chunks.Count,
            "each chunk its own frame (own seq)",
            string.Join(",", chunks.Select(c => c.Seq)));
    }

    private static async Task ReportStored(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "stored", ct);
        var report = (await Chat.SendAsync(session.Connection, thread, Input, ct)).Last;
        RunStreams.ExpectFinalReport(report, "the end of the run");
        var messages = (await Chat.HistoryAsync(session.Connection, thread, ct)).GetProperty("messages").EnumerateArray().ToList();
        Expect.That(
            messages.Any(m => m.Text("content") == report.Payload.Text("content")),
            "the report's content in the thread",
            string.Join(" | ", messages.Select(m => m.Text("content"))));
    }

    private static async Task<UserSession> RevokedSessionAsync(ProbeContext ctx, CancellationToken ct)
    {
        var session = await ctx.ConnectAsync(ctx.Credentials.User, ct, ownTokens: true);
        Expect.Equal(HttpStatusCode.NoContent, await ctx.Auth.LogoutAsync(session.Tokens.AccessToken, ct), "logout's status code");
        return session;
    }

    private static async Task RevocationDetected(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await RevokedSessionAsync(ctx, ct);
        var expired = await session.Connection.WaitForAsync("auth_expired", ct);
        Expect.That(expired.Payload.Text("reason") is { Length: > 0 }, "auth_expired.reason", expired.Raw);
    }

    private static async Task RevokedCloses4001(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await RevokedSessionAsync(ctx, ct);
        await session.Connection.WaitForAsync("auth_expired", ct);
        Expect.Equal(4001, await session.Connection.WaitClosedAsync(ct), "the close code");
    }

    private static async Task RefreshKeepsStream(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct, ownTokens: true);
        var thread = await Chat.CreateThreadAsync(session.Connection, "refresh", ct);
        session.Connection.Send("user_message", new { thread_id = thread, content = Input }, Chat.NewId());
        await ctx.Auth.LogoutAsync(session.Tokens.AccessToken, ct);
        var fresh = await ctx.AccessTokenAsync(ctx.Credentials.User, ct);

        var frames = await session.Connection.ReadUntilAsync(f => f.Type == "auth_expired", ct);
        session.Connection.Send("auth_refresh", new { access_token = fresh }, Chat.NewId());
        var rest = await session.Connection.ReadUntilAsync(f => f.Type == "auth_refreshed", ct);
        var all = frames.Concat(rest).ToList();
        if (!all.Any(Chat.EndsRun))
        {
            all.AddRange(await session.Connection.ReadUntilAsync(Chat.EndsRun, ct));
        }

        RunStreams.ExpectFinalReport(all.Last(Chat.EndsRun), "the run's end on the refreshed connection");
        await Chat.ExpectOpenAsync(session.Connection, ct);
    }

    private static async Task ExpiryDetected(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.ExpiryUser!, ct, ownTokens: true);
        var expired = await session.Connection.WaitForAsync("auth_expired", ct);
        Expect.That(expired.Payload.Text("reason") is { Length: > 0 }, "auth_expired.reason", expired.Raw);
    }

    /// <summary>
    /// Pings in bursts until the backend says rate_limited (bounded). Each burst's replies are read before the
    /// next is sent: on a slow machine, bursts sent blindly would fill the backend's send queue, and it would
    /// close the connection as one whose client stopped reading.
    /// </summary>
    private static async Task<Envelope> FloodUntilLimitedAsync(BackendConnection connection, CancellationToken ct)
    {
        const int Burst = 50;
        const int Bursts = 40;
        for (var burst = 0; burst < Bursts; burst++)
        {
            for (var i = 0; i < Burst; i++)
            {
                connection.Send("ping", new { });
            }

            // Every ping gets one reply: pong, or rate_limited.
            for (var reply = 0; reply < Burst; reply++)
            {
                var frame = await connection.ReceiveAsync(ct);
                if (frame.Type == "rate_limited")
                {
                    return frame;
                }
            }
        }

        throw new ProbeFailedException($"expected rate_limited after {Burst * Bursts} frames, got none");
    }

    private static async Task RateLimited(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.SpareUser, ct);
        var limited = await FloodUntilLimitedAsync(session.Connection, ct);
        Expect.That(
            limited.Payload.TryGetProperty("retry_after_ms", out var after) && after.GetInt64() > 0,
            "rate_limited.retry_after_ms > 0",
            limited.Raw);
    }

    private static async Task AbuseCloses4029(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.SpareUser, ct);
        await FloodUntilLimitedAsync(session.Connection, ct);
        for (var i = 0; i < 200; i++)
        {
            session.Connection.Send("ping", new { });
        }

        Expect.Equal(4029, await session.Connection.WaitClosedAsync(ct), "the close code after persistent abuse");
    }

    private static async Task ConnectionCap(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.AccessTokenAsync(ctx.Credentials.SpareUser, ct);
        var open = new List<BackendConnection>();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                BackendConnection connection;
                try
                {
                    connection = await BackendConnection.OpenAsync(ctx.Targets.BackendUrl, token, ct);
                }
                catch (UpgradeRefusedException refused)
                {
                    Expect.Equal(HttpStatusCode.TooManyRequests, refused.Status, "the status for one connection too many");
                    Expect.That(open.Count > 0, "some connections before the cap", "none");
                    return;
                }

                open.Add(connection);
                await connection.WaitForAsync("connected", ct);
            }

            throw new ProbeFailedException("expected a refusal within 100 connections of one user, got none");
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
