using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Ui;

/// <summary>
/// The read-only results UI on a port of its own (<see cref="WebServer"/>), on every replica: runs, one run, one schedule,
/// for the namespaces each viewer may read.
/// </summary>
public sealed class UiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private UiServer(WebApplication app, Uri address, Task watching, CancellationTokenSource stop)
    {
        _app = app;
        Address = address;
        _watching = watching;
        _stop = stop;
    }

    /// <summary>Where it answers (http or https); with port 0 asked for, the free port it got.</summary>
    public Uri Address { get; }

    /// <param name="client">The operator's client: it watches runs and schedules, reviews viewers' tokens and access.</param>
    public static UiServer Start(IKubernetes client, UiOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        var logger = loggers.CreateLogger<UiServer>();
        var cache = new UiCache();
        var stop = new CancellationTokenSource();
        var watching = cache.RunAsync(client, logger, time, stop.Token);
        var callers = new CallerAccess(client, logger);
        var endpoints = new UiEndpoints(
            cache, new Viewers(options, new Sessions(options, time)), callers, new NamespaceAccess(callers, options, time),
            new PageCache(options.PageCacheBytes), options, time, logger);
        var app = WebServer.Build(options.Listen, UiOptions.MaxRequestBodyBytes, loggers);
        app.MapUiApi(endpoints, cache);
        return new UiServer(app, WebServer.Start(app), watching, stop);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
