namespace Netra.Auth.Keys;

/// <summary>Loads the signing keys before the service serves, then applies the rotation schedule on a timer.</summary>
public sealed class KeyRotationService(SigningKeyRing ring, TimeProvider time, ILogger<KeyRotationService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.LoadAsync(cancellationToken);
        await ring.RotateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A quarter of the publish lead: a successor is created well before it is due to sign.
        var period = TimeSpan.FromTicks(Math.Clamp(
            ring.Settings.PublishLead.Ticks / 4,
            TimeSpan.FromMilliseconds(50).Ticks,
            TimeSpan.FromMinutes(1).Ticks));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.RotateAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next tick retries; the current key keeps signing meanwhile.
                logger.LogError(error, "Signing key rotation failed");
            }
        }
    }
}
