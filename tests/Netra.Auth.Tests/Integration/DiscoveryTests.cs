using System.Net.Http.Json;
using System.Text.Json;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class DiscoveryTests
{
    [Fact]
    public async Task The_jwks_publishes_rsa_public_keys_only()
    {
        await using var auth = await AuthHost.StartAsync();

        var jwks = await auth.Http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        foreach (var privatePart in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            Assert.False(key.TryGetProperty(privatePart, out _), $"private key part {privatePart} published");
        }
    }

    [Fact]
    public async Task The_openid_configuration_names_the_issuer_and_the_endpoints()
    {
        await using var auth = await AuthHost.StartAsync("--Auth:Issuer=http://auth.example");

        var configuration = await auth.Http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal("http://auth.example", configuration.GetProperty("issuer").GetString());
        var jwksUri = new Uri(configuration.GetProperty("jwks_uri").GetString()!);
        Assert.Equal("http://auth.example/.well-known/jwks.json", jwksUri.AbsoluteUri);
        // The advertised JWKS path serves the keys (the issuer's host is the public name, not this loopback port).
        var jwks = await auth.Http.GetFromJsonAsync<JsonElement>(jwksUri.AbsolutePath);
        Assert.NotEmpty(jwks.GetProperty("keys").EnumerateArray());
        Assert.EndsWith("/v1/auth/token", configuration.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/v1/auth/validate", configuration.GetProperty("introspection_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("RS256", configuration.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task An_independent_client_validates_tokens_with_only_the_jwks_and_the_issuer()
    {
        await using var auth = await AuthHost.StartAsync();
        var userToken = (await auth.LoginAsync("alice")).GetProperty("access_token").GetString()!;
        var serviceToken = (await auth.ClientTokenAsync("netra-backend", "netra-agent")).GetProperty("access_token").GetString()!;

        var backend = await JwksOnlyValidator.FetchAsync(auth.Http, "netra-backend");
        var agent = await JwksOnlyValidator.FetchAsync(auth.Http, "netra-agent");

        var user = await backend.ValidateAsync(userToken);
        Assert.True(user.IsValid, user.Exception?.Message);
        Assert.Equal("alice", user.Claims["sub"]);
        Assert.Equal("chat", user.Claims["scope"]);
        var service = await agent.ValidateAsync(serviceToken);
        Assert.True(service.IsValid, service.Exception?.Message);
        Assert.Equal("netra-backend", service.Claims["sub"]);
        Assert.Equal("agent:run", service.Claims["scope"]);
        // Audience pinning works on the client side too.
        Assert.False((await backend.ValidateAsync(serviceToken)).IsValid);
    }

    [Theory]
    [InlineData(null, "http://auth.example/")]
    [InlineData("https://login.example.com/auth", "https://login.example.com/auth/")]
    public async Task The_endpoint_urls_come_from_configuration_never_from_the_host_header(string? publicUrl, string expectedBase)
    {
        await using var auth = await AuthHost.StartAsync(
            ["--Auth:Issuer=http://auth.example", .. publicUrl is null ? Array.Empty<string>() : [$"--Auth:PublicUrl={publicUrl}"]]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "attacker.example";
        request.Headers.Add("X-Forwarded-Host", "attacker.example");

        using var response = await auth.Http.SendAsync(request);
        var configuration = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.DoesNotContain("attacker", configuration.GetRawText(), StringComparison.Ordinal);
        foreach (var endpoint in new[] { "jwks_uri", "token_endpoint", "introspection_endpoint" })
        {
            Assert.StartsWith(expectedBase, configuration.GetProperty(endpoint).GetString(), StringComparison.Ordinal);
        }
    }
}
