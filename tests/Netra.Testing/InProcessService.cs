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

    /// <summary>
    /// How long starting or stopping may take before the test fails, naming the service: a hang would
    /// otherwise hold the whole test run until the test host's hang timeout.
    /// </summary>
    public static readonly TimeSpan StartStopDeadline = TimeSpan.FromSeconds(60);

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
        var address = await app.StartAndGetAddressAsync().WaitAsync(StartStopDeadline);
        return new InProcessService(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().WaitAsync(StartStopDeadline);
        }
        catch (TimeoutException error)
        {
            throw new TimeoutException($"{_app.Environment.ApplicationName} at {Address} did not stop within {StartStopDeadline.TotalSeconds:0} s.", error);
        }

        await _app.DisposeAsync();
    }
}
