using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Netra.Backend.Sessions;

/// <summary>Drops expired sessions (and their replay buffers) periodically.</summary>
public sealed class SessionExpirySweeper(SessionRegistry sessions, IOptions<BackendOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(
            options.Value.SessionExpiry.Ticks / 4,
            TimeSpan.TicksPerMillisecond * 100,
            TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            sessions.RemoveExpired();
        }
    }
}
