using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Netra.Agent;
using Netra.Auth;
using Netra.Backend;
using Netra.Backend.AgentRuns;
using Netra.Backend.Sessions;
using Netra.Backend.WebSockets;
using Netra.Testing;

namespace Netra.Backend.Tests.Support;

/// <summary>The real auth, agent and backend services on loopback, each with its own arguments and data folder.</summary>
public sealed class LiveServices : IAsyncDisposable
{
    private readonly string _dataFolder;
    private readonly HttpClient _http = new();

    private LiveServices(string dataFolder, InProcessService auth, InProcessService agent)
    {
        _dataFolder = dataFolder;
        Auth = auth;
        Agent = agent;
    }

    public InProcessService Auth { get; }

    public InProcessService Agent { get; }

    public InProcessService Backend { get; private set; } = null!;

    public string BackendDataPath => Path.Combine(_dataFolder, "backend.db");

    public Uri WebSocketUri => new($"ws://{Backend.Address.Authority}/ws");

    public ConnectionRegistry Connections => Backend.Services.GetRequiredService<ConnectionRegistry>();

    public SessionRegistry Sessions => Backend.Services.GetRequiredService<SessionRegistry>();

    public AgentRunRelay Runs => Backend.Services.GetRequiredService<AgentRunRelay>();

    /// <summary>Starts the three services; <paramref name="backend"/>, <paramref name="auth"/> and <paramref name="agent"/> add arguments.</summary>
    public static async Task<LiveServices> StartAsync(string[]? backend = null, string[]? auth = null, string[]? agent = null)
    {
        var folder = Directory.CreateTempSubdirectory("netra-backend-tests-").FullName;
        var authService = await InProcessService.StartAsync(AuthApp.Create, [$"--Auth:DataPath={Path.Combine(folder, "auth.db")}", .. auth ?? []]);
        InProcessService agentService;
        try
        {
            agentService = await InProcessService.StartAsync(AgentApp.Create, [$"--Services:AuthUrl={authService.Address}", .. agent ?? []]);
        }
        catch
        {
            await authService.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        var stack = new LiveServices(folder, authService, agentService);
        try
        {
            await stack.StartBackendAsync(backend ?? []);
        }
        catch
        {
            await stack.DisposeServicesAsync();
            throw;
        }

        return stack;
    }

    /// <summary>Stops the backend and starts a new one on the same data file (a restart).</summary>
    public async Task RestartBackendAsync(params string[] backend)
    {
        await Backend.DisposeAsync();
        await StartBackendAsync(backend);
    }

    public async Task<string> LoginAsync(string user)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Auth.Address, "/v1/auth/login"), new { username = user, password = $"{user}-dev-password" });
        response.EnsureSuccessStatusCode();
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>();
        return body!.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task LogoutAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Auth.Address, "/v1/auth/logout"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async Task<TestSocket> ConnectAsync(string token)
    {
        var socket = await TestSocket.ConnectAsync(WebSocketUri, token);
        await socket.ExpectAsync("connected");
        return socket;
    }

    public async Task<TestSocket> ConnectAsAsync(string user) => await ConnectAsync(await LoginAsync(user));

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        await DisposeServicesAsync();
    }

    /// <summary>Stops auth and agent and removes the data folder (the backend is stopped by the caller).</summary>
    private async Task DisposeServicesAsync()
    {
        await Agent.DisposeAsync();
        await Auth.DisposeAsync();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned by the OS.
        }
    }

    private async Task StartBackendAsync(string[] backend)
    {
        Backend = await InProcessService.StartAsync(BackendApp.Create,
        [
            $"--Services:AuthUrl={Auth.Address}",
            $"--Services:AgentUrl={Agent.Address}",
            $"--Backend:DataPath={BackendDataPath}",
            .. backend,
        ]);
    }
}
