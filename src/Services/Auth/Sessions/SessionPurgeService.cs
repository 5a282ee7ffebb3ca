using Microsoft.Extensions.Options;
using Netra.Auth.Configuration;

namespace Netra.Auth.Sessions;

/// <summary>Keeps the store bounded: drops refresh families and revocations that can no longer matter.</summary>
public sealed class SessionPurgeService(
    RefreshTokenStore refreshTokens,
    RevocationList revocations,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<SessionPurgeService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A revoked family must outlive every access token it issued, hence the grace.
        var grace = options.Value.AccessTokenLifetime + options.Value.ClockSkew;
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await refreshTokens.PurgeExpiredAsync(time.GetUtcNow(), grace, stoppingToken);
                await revocations.ForgetAsync(purged, options.Value.ClockSkew, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Purging expired sessions failed");
            }
        }
    }
}
