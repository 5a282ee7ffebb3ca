using System.Net;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

public class ClientCredentialsTests
{
    [Theory]
    [InlineData("netra-backend", "netra-agent", "agent:run")]
    [InlineData("netra-agent", "netra-backend", "")]
    [InlineData("netra-probes", "netra-agent", "agent:run")]
    [InlineData("netra-probes", "netra-backend", "")]
    public async Task A_client_gets_a_token_for_an_allowed_audience(string clientId, string audience, string scope)
    {
        await using var auth = await AuthHost.StartAsync();

        var response = await auth.ClientTokenAsync(clientId, audience);

        Assert.Equal("Bearer", response.GetProperty("token_type").GetString());
        Assert.Equal(scope, response.GetProperty("scope").GetString());
        var token = response.GetProperty("access_token").GetString()!;
        var claims = Jwt.ClaimsOf(token);
        Assert.Equal(clientId, claims.GetProperty("sub").GetString());
        Assert.Equal(audience, claims.GetProperty("aud").GetString());
        var validation = await auth.ValidateAsync(token, audience);
        Assert.True(validation.GetProperty("active").GetBoolean());
        Assert.Equal(clientId, validation.GetProperty("sub").GetString());
        Assert.Equal(audience, validation.GetProperty("aud").GetString());
        Assert.Equal(scope, validation.GetProperty("scope").GetString());
    }

    [Theory]
    [InlineData("netra-agent", "netra-agent")]
    [InlineData("netra-backend", "netra-backend")]
    [InlineData("netra-backend", "some-other-api")]
    public async Task A_client_may_not_ask_for_an_audience_it_is_not_allowed(string clientId, string audience)
    {
        await using var auth = await AuthHost.StartAsync();
        var secret = $"{clientId}-dev-secret";

        using var response = await auth.PostJsonAsync("/v1/auth/token", new { grant_type = "client_credentials", client_id = clientId, client_secret = secret, audience });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "audience_not_allowed", secret);
    }

    [Theory]
    [InlineData("netra-backend", "netra-agent-dev-secret")]
    [InlineData("netra-intruder", "netra-intruder-dev-secret")]
    public async Task Wrong_client_credentials_get_401_invalid_client_without_the_secret(string clientId, string secret)
    {
        await using var auth = await AuthHost.StartAsync();

        using var response = await auth.PostJsonAsync("/v1/auth/token", new { grant_type = "client_credentials", client_id = clientId, client_secret = secret, audience = "netra-agent" });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_client", secret);
    }

    [Fact]
    public async Task Other_grant_types_are_refused()
    {
        await using var auth = await AuthHost.StartAsync();

        using var response = await auth.PostJsonAsync("/v1/auth/token", new { grant_type = "password", client_id = "netra-backend", client_secret = "netra-backend-dev-secret", audience = "netra-agent" });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", "netra-backend-dev-secret");
    }

    [Fact]
    public async Task A_service_token_is_inactive_for_another_audience()
    {
        await using var auth = await AuthHost.StartAsync();
        var token = (await auth.ClientTokenAsync("netra-backend", "netra-agent")).GetProperty("access_token").GetString()!;

        var validation = await auth.ValidateAsync(token, "netra-backend");

        Assert.False(validation.GetProperty("active").GetBoolean());
        Assert.Equal("invalid_audience", validation.GetProperty("reason").GetString());
    }
}
