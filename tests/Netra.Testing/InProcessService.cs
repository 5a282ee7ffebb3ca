using Microsoft.AspNetCore.Builder;
using Netra.ServiceDefaults;

namespace Netra.Testing;

/// <summary>
/// A Netra service running in this process on a real loopback socket, as its own
/// <c>XxxApp.Create(args)</c> builds it. Disposing stops it.
/// </summary>
public sealed class InProcessService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Quiet logs and Development settings unless the caller's arguments say otherwise.</summary>
    public static readonly string[] TestDefaults =
    [
        LoopbackHosting.FreeLoopbackPort,
        "--environment=Development",
        "--Serilog:MinimumLevel:Default=Warning",
    ];

    public static async Task<InProcessService> StartAsync(Func<string[], WebApplication> create, params string[] args)
    {
        var app = create([.. TestDefaults, .. args]);
        var address = await app.StartAndGetAddressAsync();
        return new InProcessService(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
