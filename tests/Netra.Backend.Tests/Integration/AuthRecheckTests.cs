using Netra.Backend.Tests.Support;
using Netra.Testing;

namespace Netra.Backend.Tests.Integration;

public sealed class AuthRecheckTests
{
    private static readonly string[] ShortTokens = ["--Auth:AccessTokenLifetime=00:00:03"];
    // Small chunks at a slow pace: a run streams for about ten seconds, longer than a token lives and its grace.
    private static readonly string[] SlowAgent = ["--Agent:Streaming:ChunkSize=4", "--Agent:Streaming:ChunkDelay=00:00:00.400"];

    [Fact]
    public async Task A_revoked_token_gets_auth_expired_then_close_4001()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:AuthRecheckInterval=00:00:00.300", "--Backend:AuthRefreshGrace=00:00:00.500"]);
        var token = await stack.LoginAsync("alice");
        using var socket = await stack.ConnectAsync(token);

        await stack.LogoutAsync(token);
        var expired = TestSocket.Payload(await socket.ExpectAsync("auth_expired"));
        var closed = await socket.ExpectClosedAsync();

        Assert.Equal("revoked", expired.GetProperty("reason").GetString());
        Assert.Equal(4001, (int)closed.CloseStatus!);
    }

    [Fact]
    public async Task A_token_expiring_mid_stream_is_refreshed_in_time_and_the_stream_goes_on()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:AuthRefreshGrace=00:00:05"], auth: ShortTokens, agent: SlowAgent);
        using var socket = await stack.ConnectAsAsync("alice");
        await socket.SendAsync("thread_create", new { title = "Refresh" });
        var threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString();
        await socket.SendAsync("user_message", new { thread_id = threadId, content = "take your time" });

        // Every expiry during the run is answered with a fresh token of the same user. (Under load the first
        // expiry may come before the run's first event, and the run may end while a refresh is in flight.)
        var refreshes = 0;
        while (!socket.Frames.Any(f => TestSocket.Type(f) == "final_report"))
        {
            var next = await socket.ExpectAsync(
                f => TestSocket.Type(f) is "auth_expired" or "final_report" or "error",
                "auth_expired, final_report or error",
                TimeSpan.FromSeconds(30));
            Assert.True(TestSocket.Type(next) != "error", $"the run failed: {next}");
            if (TestSocket.Type(next) == "final_report")
            {
                break;
            }

            Assert.Equal("expired", TestSocket.Payload(next).GetProperty("reason").GetString());
            Assert.True(++refreshes <= 10, "a run of about ten seconds needs no more than ten refreshes of three-second tokens");
            await socket.SendAsync("auth_refresh", new { access_token = await stack.LoginAsync("alice") }, id: $"r{refreshes}");
            var refreshed = await socket.ExpectAsync("auth_refreshed");
            Assert.Equal($"r{refreshes}", refreshed.GetProperty("id").GetString());
            var expiresAt = DateTimeOffset.Parse(TestSocket.Payload(refreshed).GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(expiresAt > DateTimeOffset.UtcNow);
        }

        Assert.InRange(refreshes, 1, 10);
        var types = socket.Frames.Select(TestSocket.Type).ToList();
        Assert.True(types.IndexOf("auth_refreshed") < types.IndexOf("final_report"), "the stream went on after the refresh");
        Assert.True(socket.IsOpen);
        Assert.Null(socket.Disconnection);
    }

    [Fact]
    public async Task A_token_expiring_mid_stream_without_refresh_closes_4001_and_the_run_waits_in_the_session()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:AuthRefreshGrace=00:00:00.500"], auth: ShortTokens, agent: SlowAgent);
        using var socket = await stack.ConnectAsAsync("alice");
        var sessionId = TestSocket.Payload(socket.Frames[0]).GetProperty("session_id").GetString();
        await socket.SendAsync("thread_create", new { title = "Expire" });
        var threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString();
        await socket.SendAsync("user_message", new { thread_id = threadId, content = "take your time" });

        await socket.ExpectAsync("auth_expired");
        var closed = await socket.ExpectClosedAsync();
        var lastSeq = socket.Frames.Max(TestSocket.Seq);
        var sawReport = socket.Frames.Any(f => TestSocket.Type(f) == "final_report");

        Assert.Equal(4001, (int)closed.CloseStatus!);
        Assert.False(sawReport);
        // The run goes on into the session; once it is done, a new connection (its token is short-lived too) resumes.
        await Eventually.WaitUntilAsync(() => stack.Runs.ActiveRuns == 0, "the run to finish while disconnected", TimeSpan.FromSeconds(30));
        using var again = await stack.ConnectAsAsync("alice");
        await again.SendAsync("resume", new { session_id = sessionId, last_seq = lastSeq });
        await again.ExpectAsync("final_report");
    }

    [Fact]
    public async Task A_refresh_with_another_users_token_is_refused()
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await stack.ConnectAsAsync("alice");

        await socket.SendAsync("auth_refresh", new { access_token = await stack.LoginAsync("bob") });
        var error = TestSocket.Payload(await socket.ExpectAsync("error"));
        await socket.SendAsync("auth_refresh", new { access_token = "garbage" });
        var garbage = TestSocket.Payload(await socket.ExpectAsync("error"));

        Assert.Equal("invalid_token", error.GetProperty("code").GetString());
        Assert.Equal("invalid_token", garbage.GetProperty("code").GetString());
        Assert.DoesNotContain(socket.Frames, f => TestSocket.Type(f) == "auth_refreshed");
        Assert.DoesNotContain(socket.Frames, f => f.ToString().Contains("eyJ", StringComparison.Ordinal));
    }
}
