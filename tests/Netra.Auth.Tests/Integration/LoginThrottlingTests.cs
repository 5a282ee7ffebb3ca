using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class LoginThrottlingTests
{
    [Fact]
    public async Task Repeated_failures_for_one_username_are_throttled_with_retry_after()
    {
        await using var auth = await AuthHost.StartAsync(
            "--Auth:LoginThrottling:FailuresPerUsername=3",
            "--Auth:LoginThrottling:FailuresPerAddress=1000");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var failure = await auth.LoginResponseAsync("carol", $"guess-{attempt}");
            await Problem.AssertAsync(failure, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        // Even the right password is refused while the username is throttled.
        using var throttled = await auth.LoginResponseAsync("carol", "carol-dev-password");

        await Problem.AssertAsync(throttled, HttpStatusCode.TooManyRequests, "login_throttled", "carol-dev-password");
        AssertRetryAfter(throttled);
        // Another username from the same address is not affected.
        await auth.LoginAsync("dave");
        Assert.Contains("netra_auth_login_throttled_total{limit=\"username_failures\"} 1", await auth.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_across_usernames_from_one_address_are_throttled_for_that_address_only()
    {
        await using var auth = await AuthHost.StartAsync(
            "--Auth:LoginThrottling:FailuresPerUsername=1000",
            "--Auth:LoginThrottling:FailuresPerAddress=3");
        foreach (var username in new[] { "admin", "root", "carol" })
        {
            using var failure = await auth.LoginResponseAsync(username, "spray-password");
            await Problem.AssertAsync(failure, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        using var throttled = await auth.LoginResponseAsync("alice", "alice-dev-password");
        await Problem.AssertAsync(throttled, HttpStatusCode.TooManyRequests, "login_throttled", "alice-dev-password");
        AssertRetryAfter(throttled);

        using var otherAddress = ClientFrom(IPAddress.Parse("127.0.0.2"), auth.Service.Address);
        using var fromElsewhere = await otherAddress.PostAsJsonAsync("/v1/auth/login", new { username = "alice", password = "alice-dev-password" });
        await AuthHost.ReadOkAsync(fromElsewhere);
        Assert.Contains("netra_auth_login_throttled_total{limit=\"address_failures\"} 1", await auth.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_attempt_counts_against_the_address_cap_through_the_rate_limiter()
    {
        await using var auth = await AuthHost.StartAsync("--Auth:LoginThrottling:AttemptsPerAddress=2");
        await auth.LoginAsync("alice");
        await auth.LoginAsync("alice");

        using var throttled = await auth.LoginResponseAsync("alice", "alice-dev-password");

        await Problem.AssertAsync(throttled, HttpStatusCode.TooManyRequests, "login_throttled", "alice-dev-password");
        AssertRetryAfter(throttled);
        Assert.Contains("netra_auth_login_throttled_total{limit=\"address_attempts\"} 1", await auth.MetricsAsync(), StringComparison.Ordinal);
        // Other endpoints are not capped by it.
        using var validate = await auth.PostJsonAsync("/v1/auth/validate", new { token = "x" });
        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
    }

    [Fact]
    public async Task Refresh_token_rotation_is_capped_per_address_and_the_token_still_works_after_the_window()
    {
        await using var auth = await AuthHost.StartAsync("--Auth:LoginThrottling:RefreshesPerAddress=3");
        var refreshToken = (await auth.LoginAsync("alice")).GetProperty("refresh_token").GetString()!;
        for (var rotation = 0; rotation < 3; rotation++)
        {
            using var rotated = await auth.RefreshResponseAsync(refreshToken);
            refreshToken = (await AuthHost.ReadOkAsync(rotated)).GetProperty("refresh_token").GetString()!;
        }

        using var throttled = await auth.RefreshResponseAsync(refreshToken);

        await Problem.AssertAsync(throttled, HttpStatusCode.TooManyRequests, "refresh_throttled", refreshToken);
        AssertRetryAfter(throttled);
        // The refused rotation consumed nothing: the same token rotates from another address.
        using var otherAddress = ClientFrom(IPAddress.Parse("127.0.0.2"), auth.Service.Address);
        using var fromElsewhere = await otherAddress.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = refreshToken });
        await AuthHost.ReadOkAsync(fromElsewhere);
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>A client whose connections come from another loopback address.</summary>
    private static HttpClient ClientFrom(IPAddress source, Uri service) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = service };
}
