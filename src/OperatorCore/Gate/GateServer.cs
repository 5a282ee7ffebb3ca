using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// The gate on a port of its own (<see cref="WebServer"/>): what Argo Rollouts, Kargo and Flagger call to learn whether a
/// canary's smoke check passed.
/// </summary>
public sealed class GateServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GateServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it answers (http or https); with port 0 asked for, the free port it got.</summary>
    public Uri Address { get; }

    /// <param name="client">The operator's client: it reviews callers' tokens, reads runs and starts Flagger's.</param>
    public static GateServer Start(IKubernetes client, GateOptions options, ILoggerFactory loggers)
    {
        var app = WebServer.Build(
            new WebListen(options.Address, options.Port, options.TlsCertificateFile, options.TlsKeyFile), GateOptions.MaxRequestBodyBytes, loggers);
        var runs = new GateRuns(client);
        var access = new CallerAccess(client, loggers.CreateLogger<CallerAccess>());
        app.MapGateApi(
            new VerdictEndpoints(runs, access, options),
            new FlaggerWebhook(runs, access, options, loggers.CreateLogger<FlaggerWebhook>()));
        return new GateServer(app, WebServer.Start(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
