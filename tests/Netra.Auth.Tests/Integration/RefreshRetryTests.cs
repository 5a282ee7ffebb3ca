using System.Net;
using Netra.Auth.Tests.Support;
using Netra.Testing;

namespace Netra.Auth.Tests.Integration;

/// <summary>
/// With <c>Auth:RefreshRetryGrace</c> set (it is off by default, as the contract's strict reuse detection wants), a
/// client whose refresh response was lost may retry once, shortly after, without being logged out.
/// </summary>
public class RefreshRetryTests
{
    private const string WithRetryGrace = "--Auth:RefreshRetryGrace=00:00:05";

    [Fact]
    public async Task A_retry_after_a_lost_response_gets_a_fresh_pair_once_and_a_second_retry_is_reuse()
    {
        await using var auth = await AuthHost.StartAsync(WithRetryGrace);
        var first = RefreshOf(await auth.LoginAsync("alice"));
        using (await auth.RefreshResponseAsync(first))
        {
            // The response is lost on its way back.
        }

        using var retry = await auth.RefreshResponseAsync(first);
        var retried = await AuthHost.ReadOkAsync(retry);
        using var again = await auth.RefreshResponseAsync(first);

        Assert.NotEqual(first, RefreshOf(retried));
        await Problem.AssertAsync(again, HttpStatusCode.Unauthorized, "refresh_token_reused", first);
        var validation = await auth.ValidateAsync(retried.GetProperty("access_token").GetString()!);
        Assert.Equal("revoked", validation.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task By_default_a_retry_is_reuse_and_revokes_the_family()
    {
        await using var auth = await AuthHost.StartAsync();
        var first = RefreshOf(await auth.LoginAsync("alice"));
        using var lost = await auth.RefreshResponseAsync(first);
        var lostPair = await AuthHost.ReadOkAsync(lost);

        using var retry = await auth.RefreshResponseAsync(first);

        await Problem.AssertAsync(retry, HttpStatusCode.Unauthorized, "refresh_token_reused", first);
        var validation = await auth.ValidateAsync(lostPair.GetProperty("access_token").GetString()!);
        Assert.Equal("revoked", validation.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_retry_retires_the_successor_that_was_lost_and_the_family_lives_on()
    {
        await using var auth = await AuthHost.StartAsync(WithRetryGrace);
        var first = RefreshOf(await auth.LoginAsync("alice"));
        using var lost = await auth.RefreshResponseAsync(first);
        var lostPair = await AuthHost.ReadOkAsync(lost);
        using var retry = await auth.RefreshResponseAsync(first);
        var retried = await AuthHost.ReadOkAsync(retry);

        using var next = await auth.RefreshResponseAsync(RefreshOf(retried));
        var nextPair = await AuthHost.ReadOkAsync(next);
        using var lostUsed = await auth.RefreshResponseAsync(RefreshOf(lostPair));

        await Problem.AssertAsync(lostUsed, HttpStatusCode.Unauthorized, "refresh_token_reused");
        Assert.False((await auth.ValidateAsync(nextPair.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Reuse_after_the_successor_was_used_revokes_the_family_as_before()
    {
        await using var auth = await AuthHost.StartAsync(WithRetryGrace);
        var stolen = RefreshOf(await auth.LoginAsync("alice"));
        using var rotated = await auth.RefreshResponseAsync(stolen);
        var second = await AuthHost.ReadOkAsync(rotated);
        using var legitimate = await auth.RefreshResponseAsync(RefreshOf(second));
        var third = await AuthHost.ReadOkAsync(legitimate);

        using var reuse = await auth.RefreshResponseAsync(stolen);

        await Problem.AssertAsync(reuse, HttpStatusCode.Unauthorized, "refresh_token_reused", stolen);
        using var afterRevocation = await auth.RefreshResponseAsync(RefreshOf(third));
        await Problem.AssertAsync(afterRevocation, HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task A_retry_after_the_grace_is_reuse()
    {
        await using var auth = await AuthHost.StartAsync("--Auth:RefreshRetryGrace=00:00:00.300");
        var first = RefreshOf(await auth.LoginAsync("alice"));
        using var rotated = await auth.RefreshResponseAsync(first);
        await AuthHost.ReadOkAsync(rotated);
        var graceOver = DateTimeOffset.UtcNow.AddSeconds(0.5);

        // The grace is measured on the clock itself; presenting the token earlier would be the retry.
        await Eventually.WaitUntilAsync(() => DateTimeOffset.UtcNow > graceOver, "the retry grace to pass");
        using var late = await auth.RefreshResponseAsync(first);

        await Problem.AssertAsync(late, HttpStatusCode.Unauthorized, "refresh_token_reused", first);
    }

    private static string RefreshOf(System.Text.Json.JsonElement pair) => pair.GetProperty("refresh_token").GetString()!;
}
