using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Netra.Testing;

namespace Netra.Auth.Tests.Support;

/// <summary>The auth service running on loopback with its own SQLite file, and an HTTP client for it.</summary>
public sealed class AuthHost : IAsyncDisposable
{
    // Set when this host made up its data path, so the directory is its to delete.
    private readonly string? _ownedDirectory;

    private AuthHost(InProcessService service, string? ownedDirectory)
    {
        Service = service;
        _ownedDirectory = ownedDirectory;
        Http = new HttpClient { BaseAddress = service.Address };
    }

    public InProcessService Service { get; }

    public HttpClient Http { get; }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "netra-auth-tests", Guid.NewGuid().ToString("N"), "auth.db");

    public static async Task<AuthHost> StartAsync(params string[] args)
    {
        var dataPath = NewDataPath();
        var service = await StartServiceAsync(dataPath, args);
        return new AuthHost(service, Path.GetDirectoryName(dataPath));
    }

    /// <summary>On a data path the caller owns, e.g. to restart on the same store.</summary>
    public static async Task<AuthHost> StartWithDataAsync(string dataPath, params string[] args) =>
        new(await StartServiceAsync(dataPath, args), ownedDirectory: null);

    private static Task<InProcessService> StartServiceAsync(string dataPath, string[] args) =>
        InProcessService.StartAsync(AuthApp.Create, [$"--Auth:DataPath={dataPath}", .. args]);

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => Http.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> LoginResponseAsync(string username, string password) =>
        PostJsonAsync("/v1/auth/login", new { username, password });

    public async Task<JsonElement> LoginAsync(string username)
    {
        using var response = await LoginResponseAsync(username, $"{username}-dev-password");
        return await ReadOkAsync(response);
    }

    public async Task<JsonElement> ClientTokenAsync(string clientId, string audience)
    {
        using var response = await PostJsonAsync("/v1/auth/token", new
        {
            grant_type = "client_credentials",
            client_id = clientId,
            client_secret = $"{clientId}-dev-secret",
            audience,
        });
        return await ReadOkAsync(response);
    }

    public Task<HttpResponseMessage> RefreshResponseAsync(string refreshToken) =>
        PostJsonAsync("/v1/auth/refresh", new { refresh_token = refreshToken });

    public async Task<JsonElement> ValidateAsync(string token, string? audience = null)
    {
        using var response = await PostJsonAsync("/v1/auth/validate", audience is null ? new { token } : new { token, audience });
        return await ReadOkAsync(response);
    }

    public async Task<HttpResponseMessage> LogoutResponseAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/logout");
        request.Headers.Authorization = new("Bearer", accessToken);
        return await Http.SendAsync(request);
    }

    public async Task<IReadOnlyList<string>> PublishedKidsAsync()
    {
        var jwks = await Http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    public async Task<string> MetricsAsync() => await Http.GetStringAsync("/metrics");

    public static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
        if (_ownedDirectory is not null)
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }
}
