using System.Net;
using System.Net.Http.Json;
using System.Text;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class LoginTests
{
    [Fact]
    public async Task Login_returns_a_bearer_pair_for_the_backend_with_chat_scope()
    {
        await using var auth = await AuthHost.StartAsync();

        var pair = await auth.LoginAsync("alice");

        Assert.Equal("Bearer", pair.GetProperty("token_type").GetString());
        Assert.Equal(900, pair.GetProperty("expires_in").GetInt32());
        var refreshToken = pair.GetProperty("refresh_token").GetString()!;
        Assert.DoesNotContain('.', refreshToken);
        var token = pair.GetProperty("access_token").GetString()!;
        var header = Jwt.HeaderOf(token);
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Contains(header.GetProperty("kid").GetString(), await auth.PublishedKidsAsync());
        var claims = Jwt.ClaimsOf(token);
        foreach (var claim in new[] { "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope" })
        {
            Assert.True(claims.TryGetProperty(claim, out _), $"missing claim {claim}");
        }

        Assert.Equal("http://netra-auth", claims.GetProperty("iss").GetString());
        Assert.Equal("alice", claims.GetProperty("sub").GetString());
        Assert.Equal("netra-backend", claims.GetProperty("aud").GetString());
        Assert.Equal("chat", claims.GetProperty("scope").GetString());
        Assert.Equal(900, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task A_cheaper_development_seed_hash_still_checks_passwords_and_secrets()
    {
        await using var auth = await AuthHost.StartAsync("--Auth:DevelopmentSeedHashIterations=1000");

        var pair = await auth.LoginAsync("alice");
        var service = await auth.ClientTokenAsync("netra-probes", "netra-agent");
        using var wrong = await auth.LoginResponseAsync("alice", "bob-dev-password");

        Assert.False(string.IsNullOrEmpty(pair.GetProperty("access_token").GetString()));
        Assert.False(string.IsNullOrEmpty(service.GetProperty("access_token").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("mallory", "alice-dev-password")]
    [InlineData("Alice", "alice-dev-password")]
    public async Task Bad_credentials_get_401_invalid_credentials_without_the_password(string username, string password)
    {
        await using var auth = await AuthHost.StartAsync();

        using var response = await auth.LoginResponseAsync(username, password);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials", password);
    }

    [Fact]
    public async Task Unreadable_or_incomplete_bodies_get_400_problem_details_without_the_password()
    {
        await using var auth = await AuthHost.StartAsync();

        using var truncated = await auth.Http.PostAsync("/v1/auth/login", new StringContent("{\"username\":\"alice\",\"password\":\"hunter2-secret", Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(truncated, HttpStatusCode.BadRequest, "invalid_request", "hunter2-secret");

        using var missing = await auth.Http.PostAsJsonAsync("/v1/auth/login", new { username = "alice" });
        await Problem.AssertAsync(missing, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Outside_development_nothing_is_seeded_and_configured_hashed_users_log_in()
    {
        var hash = Accounts.SecretHasher.Hash("erin-secret-password", iterations: 1000);
        await using var auth = await AuthHost.StartAsync(
            "--environment=Production",
            "--Auth:Users:0:Username=erin",
            $"--Auth:Users:0:PasswordHash={hash}");

        using var seeded = await auth.LoginResponseAsync("alice", "alice-dev-password");
        await Problem.AssertAsync(seeded, HttpStatusCode.Unauthorized, "invalid_credentials");

        using var configured = await auth.LoginResponseAsync("erin", "erin-secret-password");
        var pair = await AuthHost.ReadOkAsync(configured);
        Assert.Equal("erin", Jwt.ClaimsOf(pair.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());
    }
}
