using Netra.Auth.Sessions;

namespace Netra.Auth.Storage;

/// <summary>Creates the schema and loads the revocations before anything else starts.</summary>
public sealed class StoreInitializer(AuthDatabase database, RefreshTokenStore refreshTokens, RevocationList revocations) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.EnsureCreatedAsync(cancellationToken);
        await revocations.LoadAsync(await refreshTokens.RevokedFamilyIdsAsync(cancellationToken), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
