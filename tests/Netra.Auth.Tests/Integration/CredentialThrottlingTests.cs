using System.Net;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

/// <summary>Issue 15 item 7: guesses are counted before they are verified, at login and at the client-credentials endpoint.</summary>
public class CredentialThrottlingTests
{
    [Fact]
    public async Task Concurrent_password_guesses_cannot_outrun_the_failure_limit()
    {
        await using var auth = await AuthHost.StartAsync(
            "--Auth:LoginThrottling:FailuresPerUsername=5", "--Auth:LoginThrottling:FailuresPerAddress=1000");

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => auth.LoginResponseAsync("carol", $"guess-{i}")));

        try
        {
            Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
            Assert.Equal(55, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        using var rightPassword = await auth.LoginResponseAsync("carol", "carol-dev-password");
        await Problem.AssertAsync(rightPassword, HttpStatusCode.TooManyRequests, "login_throttled", "carol-dev-password");
    }

    [Fact]
    public async Task Concurrent_logins_with_the_right_password_are_not_refused_by_the_reservations()
    {
        await using var auth = await AuthHost.StartAsync("--Auth:LoginThrottling:FailuresPerUsername=2");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => auth.LoginResponseAsync("dave", "dave-dev-password")));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }
    }

    [Fact]
    public async Task Wrong_client_secrets_are_throttled_per_client_with_retry_after()
    {
        await using var auth = await AuthHost.StartAsync(
            "--Auth:LoginThrottling:FailuresPerUsername=5", "--Auth:LoginThrottling:FailuresPerAddress=1000");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var guess = await ClientTokenResponseAsync(auth, "netra-backend", $"guess-{attempt}");
            statuses.Add(guess.StatusCode);
        }

        using var rightSecret = await ClientTokenResponseAsync(auth, "netra-backend", "netra-backend-dev-secret");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
        await Problem.AssertAsync(rightSecret, HttpStatusCode.TooManyRequests, "client_throttled", "netra-backend-dev-secret");
        Assert.InRange(rightSecret.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        // Another client, and users logging in from the same address, are not affected.
        await auth.ClientTokenAsync("netra-probes", "netra-agent");
        await auth.LoginAsync("alice");
        Assert.Contains("netra_auth_login_throttled_total{limit=\"client_failures\"} 4", await auth.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_wrong_secrets_cannot_outrun_the_failure_limit()
    {
        await using var auth = await AuthHost.StartAsync(
            "--Auth:LoginThrottling:FailuresPerUsername=1000", "--Auth:LoginThrottling:FailuresPerAddress=4");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => ClientTokenResponseAsync(auth, $"client-{i}", "wrong")));

        try
        {
            Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
            Assert.Equal(12, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }
    }

    private static Task<HttpResponseMessage> ClientTokenResponseAsync(AuthHost auth, string clientId, string secret) =>
        auth.PostJsonAsync(
            "/v1/auth/token",
            new { grant_type = "client_credentials", client_id = clientId, client_secret = secret, audience = "netra-agent" });
}
