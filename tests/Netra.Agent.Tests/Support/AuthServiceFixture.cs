using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth;
using Netra.Auth.Keys;
using Netra.Testing;

namespace Netra.Agent.Tests.Support;

/// <summary>The real auth service, in process, shared by the agent's HTTP tests; hands out tokens.</summary>
public sealed class AuthServiceFixture : IAsyncLifetime
{
    public const string BackendClient = "netra-backend";
    public const string ProbesClient = "netra-probes";

    private InProcessService? _auth;
    private string? _dataPath;
    private readonly HttpClient _http = new();

    public Uri Address => _auth!.Address;

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the auth service with its own database and the given extra arguments.</summary>
    public async Task StartAsync(params string[] args)
    {
        _dataPath = Path.Combine(Path.GetTempPath(), $"netra-agent-tests-auth-{Guid.NewGuid():N}.db");
        _auth = await InProcessService.StartAsync(AuthApp.Create, [$"--Auth:DataPath={_dataPath}", .. args]);
        _http.BaseAddress = _auth.Address;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_auth is not null)
        {
            await _auth.DisposeAsync();
        }

        foreach (var file in _dataPath is null ? [] : Directory.GetFiles(Path.GetDirectoryName(_dataPath)!, Path.GetFileName(_dataPath) + "*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>A client-credentials token of a Development seed client.</summary>
    public async Task<string> ServiceTokenAsync(string clientId = BackendClient, string audience = "netra-agent")
    {
        using var response = await _http.PostAsJsonAsync("/v1/auth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = $"{clientId}-dev-secret",
            ["audience"] = audience,
        });
        return await AccessTokenOf(response);
    }

    /// <summary>A user's access token (audience <c>netra-backend</c>).</summary>
    public async Task<string> UserTokenAsync(string username = "alice")
    {
        using var response = await _http.PostAsJsonAsync("/v1/auth/login", new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = $"{username}-dev-password",
        });
        return await AccessTokenOf(response);
    }

    /// <summary>
    /// A token signed with the auth service's own current key, as a holder of that key could mint it, carrying
    /// <paramref name="claims"/> as given (for example none of <c>sub</c>).
    /// </summary>
    public string SignWithAuthKey(Dictionary<string, object> claims, string audience = "netra-agent")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://netra-auth",
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            TokenType = "at+jwt",
            SigningCredentials = _auth!.Services.GetRequiredService<SigningKeyRing>().CurrentSigningKey().Credentials,
            Claims = claims,
        });
    }

    /// <summary>Revokes a token through the auth service's logout.</summary>
    public async Task RevokeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<string> AccessTokenOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"auth answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class AgentOverHttp : ICollectionFixture<AuthServiceFixture>
{
    public const string Name = "agent service over HTTP";
}
