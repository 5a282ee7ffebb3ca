using Microsoft.Extensions.Hosting;

namespace Netra.ServiceDefaults;

/// <summary>
/// The lifetime of a service hosted inside another program (the local run): it does not listen for Ctrl-C or
/// SIGTERM, which belong to the program hosting it; that program stops the service when it is done.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
