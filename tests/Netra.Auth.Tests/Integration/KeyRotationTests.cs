using System.Collections.Concurrent;
using Netra.Auth.Tests.Support;
using Netra.Testing;

namespace Netra.Auth.Tests.Integration;

public class KeyRotationTests
{
    [Fact]
    public async Task A_new_key_is_published_before_it_signs_and_the_previous_one_stays_while_its_tokens_live()
    {
        await using var auth = await AuthHost.StartAsync(
            "--Auth:SigningKeyRotationInterval=00:00:04",
            "--Auth:SigningKeyPublishLead=00:00:02",
            "--Auth:AccessTokenLifetime=00:01:00");
        var firstSeen = new ConcurrentDictionary<string, DateTimeOffset>();
        foreach (var kid in await auth.PublishedKidsAsync())
        {
            firstSeen[kid] = DateTimeOffset.UtcNow;
        }

        // A relying party watching the JWKS, recording when each kid first appears.
        using var stop = new CancellationTokenSource();
        var watcher = Eventually.WaitUntilAsync(
            async () =>
            {
                foreach (var kid in await auth.PublishedKidsAsync())
                {
                    firstSeen.TryAdd(kid, DateTimeOffset.UtcNow);
                }

                return stop.IsCancellationRequested;
            },
            "the JWKS watcher to stop",
            TimeSpan.FromSeconds(60));

        var signingKids = new List<string>();
        string? firstToken = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var requested = DateTimeOffset.UtcNow;
                var token = (await auth.ClientTokenAsync("netra-probes", "netra-agent")).GetProperty("access_token").GetString()!;
                var kid = Jwt.HeaderOf(token).GetProperty("kid").GetString()!;
                Assert.True(firstSeen.TryGetValue(kid, out var seen) && seen < requested, $"kid {kid} signed a token before the JWKS showed it");
                firstToken ??= token;
                if (!signingKids.Contains(kid))
                {
                    signingKids.Add(kid);
                }

                return signingKids.Count >= 2;
            },
            "the signing key to rotate",
            TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await watcher;

        Assert.Contains(signingKids[0], await auth.PublishedKidsAsync());
        Assert.True((await auth.ValidateAsync(firstToken!, "netra-agent")).GetProperty("active").GetBoolean());
        Assert.True((await (await JwksOnlyValidator.FetchAsync(auth.Http, "netra-agent")).ValidateAsync(firstToken!)).IsValid);
    }

    [Fact]
    public async Task The_previous_key_leaves_the_jwks_once_its_tokens_have_expired()
    {
        await using var auth = await AuthHost.StartAsync(
            "--Auth:SigningKeyRotationInterval=00:00:02",
            "--Auth:SigningKeyPublishLead=00:00:01",
            "--Auth:AccessTokenLifetime=00:00:02",
            "--Auth:ClockSkew=00:00:00");
        var token = (await auth.ClientTokenAsync("netra-probes", "netra-agent")).GetProperty("access_token").GetString()!;
        var kid = Jwt.HeaderOf(token).GetProperty("kid").GetString()!;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Jwt.ClaimsOf(token).GetProperty("exp").GetInt64());

        await Eventually.WaitUntilAsync(async () => !(await auth.PublishedKidsAsync()).Contains(kid), "the first key to be retired");

        Assert.True(DateTimeOffset.UtcNow >= expiresAt, "a key was retired while a token it signed was still valid");
        Assert.False((await auth.ValidateAsync(token, "netra-agent")).GetProperty("active").GetBoolean());
        Assert.NotEmpty(await auth.PublishedKidsAsync());
    }
}
