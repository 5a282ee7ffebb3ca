using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Netra.Operator.Core.Web;

/// <summary>Where a web endpoint of the operator listens, with TLS when a PEM certificate and key are mounted.</summary>
public sealed record WebListen(string Address, int Port, string? TlsCertificateFile, string? TlsKeyFile)
{
    public bool Tls => TlsCertificateFile is not null;
}

/// <summary>
/// Kestrel with only its core (no configuration files, no static files) on a port of its own: the gate and the results UI.
/// The operator handles SIGTERM and Ctrl-C itself (StopSignals) and stops these servers when it stops.
/// </summary>
public static class WebServer
{
    public static WebApplication Build(WebListen listen, long maxRequestBodyBytes, ILoggerFactory loggers)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime>(new OperatorLifetime());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes;
            kestrel.Listen(IPAddress.Parse(listen.Address), listen.Port, endpoint =>
            {
                if (listen.Tls)
                {
                    var certificate = new PemCertificate(listen.TlsCertificateFile!, listen.TlsKeyFile!);
                    // Read once now: a missing or broken file stops the operator at start, naming it.
                    _ = certificate.Current;
                    endpoint.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificate.Current);
                }
            });
        });
        if (listen.Tls)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        return builder.Build();
    }

    /// <summary>Starts <paramref name="app"/>; returns where it answers (with port 0 asked for, the free port it got).</summary>
    public static Uri Start(WebApplication app)
    {
        app.Start();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.First());
    }

    private sealed class OperatorLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
