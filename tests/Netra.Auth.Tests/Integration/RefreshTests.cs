using System.Net;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class RefreshTests
{
    /// <summary>Strict reuse detection: no retry after a lost response (see <see cref="RefreshRetryTests"/>).</summary>
    public const string NoRetryGrace = "--Auth:RefreshRetryGrace=00:00:00";

    [Fact]
    public async Task Refresh_rotates_the_pair_and_the_old_refresh_token_is_single_use()
    {
        await using var auth = await AuthHost.StartAsync();
        var first = await auth.LoginAsync("alice");
        var firstRefresh = first.GetProperty("refresh_token").GetString()!;

        using var rotated = await auth.RefreshResponseAsync(firstRefresh);
        var second = await AuthHost.ReadOkAsync(rotated);

        var secondRefresh = second.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(firstRefresh, secondRefresh);
        Assert.Equal("Bearer", second.GetProperty("token_type").GetString());
        var validation = await auth.ValidateAsync(second.GetProperty("access_token").GetString()!);
        Assert.True(validation.GetProperty("active").GetBoolean());
        Assert.Equal("alice", validation.GetProperty("sub").GetString());
        Assert.Equal("chat", validation.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_whole_family()
    {
        await using var auth = await AuthHost.StartAsync(NoRetryGrace);
        var first = await auth.LoginAsync("alice");
        var stolen = first.GetProperty("refresh_token").GetString()!;
        using var rotated = await auth.RefreshResponseAsync(stolen);
        var second = await AuthHost.ReadOkAsync(rotated);

        using var reuse = await auth.RefreshResponseAsync(stolen);

        await Problem.AssertAsync(reuse, HttpStatusCode.Unauthorized, "refresh_token_reused", stolen);
        using var legitimate = await auth.RefreshResponseAsync(second.GetProperty("refresh_token").GetString()!);
        await Problem.AssertAsync(legitimate, HttpStatusCode.Unauthorized, "invalid_refresh_token");
        foreach (var pair in new[] { first, second })
        {
            var validation = await auth.ValidateAsync(pair.GetProperty("access_token").GetString()!);
            Assert.False(validation.GetProperty("active").GetBoolean());
            Assert.Equal("revoked", validation.GetProperty("reason").GetString());
        }

        // Another session of the same user is untouched.
        var other = await auth.LoginAsync("alice");
        Assert.True((await auth.ValidateAsync(other.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
        Assert.Contains("netra_auth_refresh_reuse_detected_total 1", await auth.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_give_exactly_one_success()
    {
        await using var auth = await AuthHost.StartAsync(NoRetryGrace);
        var refreshToken = (await auth.LoginAsync("bob")).GetProperty("refresh_token").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => auth.RefreshResponseAsync(refreshToken)));

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            foreach (var rejected in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await Problem.AssertAsync(rejected, HttpStatusCode.Unauthorized, "refresh_token_reused", refreshToken);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("nrt_not-a-token-we-issued")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    [InlineData("")]
    public async Task Unknown_refresh_tokens_are_refused_without_being_echoed(string refreshToken)
    {
        await using var auth = await AuthHost.StartAsync();

        using var response = await auth.RefreshResponseAsync(refreshToken);

        if (refreshToken.Length == 0)
        {
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        }
        else
        {
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_refresh_token", refreshToken);
        }
    }

    [Fact]
    public async Task An_expired_refresh_token_is_refused()
    {
        await using var auth = await AuthHost.StartAsync("--Auth:RefreshTokenLifetime=00:00:01");
        var refreshToken = (await auth.LoginAsync("carol")).GetProperty("refresh_token").GetString()!;

        var expiry = DateTimeOffset.UtcNow.AddSeconds(1.2);

        // Presenting the token earlier would rotate it, so the wait is on the clock itself.
        await Netra.Testing.Eventually.WaitUntilAsync(() => DateTimeOffset.UtcNow > expiry, "the refresh token lifetime to pass");

        using var again = await auth.RefreshResponseAsync(refreshToken);
        await Problem.AssertAsync(again, HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }
}
