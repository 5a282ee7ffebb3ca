using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// The gate on a port of its own, on Kestrel with only its core (no configuration files, no static files): what
/// Argo Rollouts, Kargo and Flagger call to learn whether a canary's smoke check passed.
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
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        // The operator handles SIGTERM and Ctrl-C itself (StopSignals) and stops the gate when it stops.
        builder.Services.AddSingleton<IHostLifetime>(new OperatorLifetime());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = GateOptions.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Parse(options.Address), options.Port, listen =>
            {
                if (options.Tls)
                {
                    var certificate = new PemCertificate(options.TlsCertificateFile!, options.TlsKeyFile!);
                    // Read once now: a missing or broken file stops the operator at start, naming it.
                    _ = certificate.Current;
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificate.Current);
                }
            });
        });
        if (options.Tls)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        var app = builder.Build();
        var runs = new GateRuns(client);
        var access = new CallerAccess(client, loggers.CreateLogger<CallerAccess>());
        app.MapGateApi(
            new VerdictEndpoints(runs, access, options),
            new FlaggerWebhook(runs, access, options, loggers.CreateLogger<FlaggerWebhook>()));
        app.Start();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GateServer(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class OperatorLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
