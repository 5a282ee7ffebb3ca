using System.Net;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class LogoutTests
{
    [Fact]
    public async Task Logout_revokes_the_access_token_and_its_refresh_family()
    {
        await using var auth = await AuthHost.StartAsync();
        var pair = await auth.LoginAsync("alice");
        var accessToken = pair.GetProperty("access_token").GetString()!;
        var refreshToken = pair.GetProperty("refresh_token").GetString()!;
        using var rotated = await auth.RefreshResponseAsync(refreshToken);
        var current = await AuthHost.ReadOkAsync(rotated);

        using var logout = await auth.LogoutResponseAsync(current.GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var validation = await auth.ValidateAsync(current.GetProperty("access_token").GetString()!);
        Assert.False(validation.GetProperty("active").GetBoolean());
        Assert.Equal("revoked", validation.GetProperty("reason").GetString());
        // Earlier access tokens of the same family go with it.
        Assert.Equal("revoked", (await auth.ValidateAsync(accessToken)).GetProperty("reason").GetString());
        using var refresh = await auth.RefreshResponseAsync(current.GetProperty("refresh_token").GetString()!);
        await Problem.AssertAsync(refresh, HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task Logout_of_a_service_token_revokes_its_jti()
    {
        await using var auth = await AuthHost.StartAsync();
        var token = (await auth.ClientTokenAsync("netra-backend", "netra-agent")).GetProperty("access_token").GetString()!;

        using var logout = await auth.LogoutResponseAsync(token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal("revoked", (await auth.ValidateAsync(token, "netra-agent")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Logout_without_a_valid_bearer_token_is_401_and_does_not_echo_it()
    {
        await using var auth = await AuthHost.StartAsync();
        var token = (await auth.LoginAsync("bob")).GetProperty("access_token").GetString()!;
        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await auth.LogoutResponseAsync(tampered);
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_token", tampered);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var missing = await auth.Http.PostAsync("/v1/auth/logout", null);
        await Problem.AssertAsync(missing, HttpStatusCode.Unauthorized, "invalid_token");

        // The untampered token was not revoked by any of this.
        Assert.True((await auth.ValidateAsync(token)).GetProperty("active").GetBoolean());
    }
}
