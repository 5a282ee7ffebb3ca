using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Netra.ServiceDefaults;

/// <summary>Starting a service in process on a real socket, for the local run and the tests.</summary>
public static class LoopbackHosting
{
    /// <summary>Arguments that bind Kestrel to a free loopback port.</summary>
    public const string FreeLoopbackPort = "--urls=http://127.0.0.1:0";

    /// <summary>Arguments for a service hosted inside another program: signals are that program's
    /// (<see cref="InProcessLifetime"/>).</summary>
    public const string HostedInProcess = "--Hosting:InProcess=true";

    /// <summary>Starts the app and returns the address Kestrel actually bound.</summary>
    public static async Task<Uri> StartAndGetAddressAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.First());
    }
}
