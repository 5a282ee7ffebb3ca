using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Netra.Auth.Storage;

/// <summary>Ready when the SQLite store answers a query on its tables.</summary>
public sealed class AuthDatabaseHealthCheck(AuthDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.Command("SELECT count(*) FROM signing_keys");
            var keys = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return keys > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No signing key yet.");
        }
        catch (Microsoft.Data.Sqlite.SqliteException error)
        {
            return HealthCheckResult.Unhealthy("The SQLite store does not answer.", error);
        }
    }
}
