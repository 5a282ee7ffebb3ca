using Microsoft.AspNetCore.Builder;
using Netra.ServiceDefaults;

namespace Netra.Auth.Bench;

/// <summary>The auth service on a free loopback port, with a throwaway SQLite file.</summary>
public sealed class AuthBenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private AuthBenchHost(WebApplication app, Uri address, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<AuthBenchHost> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "netra-auth-bench", Guid.NewGuid().ToString("N"));
        var app = AuthApp.Create(
        [
            LoopbackHosting.FreeLoopbackPort,
            "--environment=Development",
            "--Serilog:MinimumLevel:Default=Warning",
            $"--Auth:DataPath={Path.Combine(dataDirectory, "auth.db")}",
        ]);
        return new AuthBenchHost(app, await app.StartAndGetAddressAsync(), dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
