using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Agent.Auth;

/// <summary>
/// The auth service's signing keys, fetched lazily, cached, and fetched again when a token names an
/// unknown <c>kid</c> (at most once per <see cref="ServiceTokenOptions.JwksRefetchInterval"/>).
/// </summary>
public sealed class JwksCache(
    AuthServiceClient authService,
    IOptions<ServiceTokenOptions> options,
    TimeProvider time,
    ILogger<JwksCache> logger)
    : IDisposable
{
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private KeySnapshot? _snapshot;

    public async Task<SecurityKey?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && IsFresh(snapshot) && snapshot.Keys.TryGetValue(kid, out var key))
        {
            return key;
        }

        await _fetch.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            var mayFetch = snapshot is null || !IsFresh(snapshot)
                || time.GetUtcNow() - snapshot.FetchedAt >= options.Value.JwksRefetchInterval;
            if (mayFetch)
            {
                snapshot = await FetchAsync(snapshot, cancellationToken);
            }

            return snapshot!.Keys.GetValueOrDefault(kid);
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Dispose() => _fetch.Dispose();

    private bool IsFresh(KeySnapshot snapshot) => time.GetUtcNow() - snapshot.FetchedAt < options.Value.JwksCacheDuration;

    private async Task<KeySnapshot> FetchAsync(KeySnapshot? previous, CancellationToken cancellationToken)
    {
        try
        {
            var keySet = await authService.GetSigningKeysAsync(cancellationToken);
            var keys = keySet.Keys
                .Where(key => !string.IsNullOrEmpty(key.Kid) && key.Use is null or "sig")
                .GroupBy(key => key.Kid, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, SecurityKey (group) => group.First(), StringComparer.Ordinal);
            var snapshot = new KeySnapshot(keys, time.GetUtcNow());
            Volatile.Write(ref _snapshot, snapshot);
            logger.LogInformation("Fetched {KeyCount} signing keys from the auth service", keys.Count);
            return snapshot;
        }
        catch (AuthServiceUnavailableException) when (previous is not null)
        {
            logger.LogWarning(
                "The auth service's JWKS could not be fetched; keeping the {KeyCount} keys already known",
                previous.Keys.Count);
            return previous;
        }
    }

    private sealed record KeySnapshot(IReadOnlyDictionary<string, SecurityKey> Keys, DateTimeOffset FetchedAt);
}
