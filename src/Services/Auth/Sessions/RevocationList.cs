using System.Collections.Concurrent;
using Netra.Auth.Storage;

namespace Netra.Auth.Sessions;

/// <summary>
/// Revoked access token <c>jti</c>s and revoked refresh families (whose access tokens carry the family as
/// <c>sid</c>). Persisted in SQLite and mirrored in memory, so validation costs no query.
/// </summary>
public sealed class RevocationList(AuthDatabase database, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiryByJti = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _families = new(StringComparer.Ordinal);

    public bool IsRevoked(string? jti, string? familyId) =>
        (jti is not null && _expiryByJti.ContainsKey(jti)) || (familyId is not null && _families.ContainsKey(familyId));

    public async Task LoadAsync(IEnumerable<string> revokedFamilies, CancellationToken cancellationToken)
    {
        foreach (var family in revokedFamilies)
        {
            _families[family] = true;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT jti, expires_at FROM revoked_access_tokens");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _expiryByJti[reader.GetString(0)] = SqliteCommandExtensions.FromUnixMs(reader.GetInt64(1));
        }
    }

    public async Task RevokeAccessTokenAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT OR IGNORE INTO revoked_access_tokens (jti, expires_at) VALUES ($jti, $expires)",
            ("$jti", jti),
            ("$expires", expiresAt.ToUnixMs()));
        await command.ExecuteNonQueryAsync(cancellationToken);
        _expiryByJti[jti] = expiresAt;
    }

    /// <summary>Records a family revocation already committed to SQLite.</summary>
    public void FamilyRevoked(string familyId) => _families[familyId] = true;

    /// <summary>Drops revocations that can no longer matter: the token expired longer ago than <paramref name="grace"/>, or the family was
    /// purged.</summary>
    public async Task ForgetAsync(IEnumerable<string> purgedFamilies, TimeSpan grace, CancellationToken cancellationToken)
    {
        foreach (var family in purgedFamilies)
        {
            _families.TryRemove(family, out _);
        }

        var before = time.GetUtcNow() - grace;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "DELETE FROM revoked_access_tokens WHERE expires_at < $before",
            ("$before", before.ToUnixMs()));
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (jti, expiresAt) in _expiryByJti)
        {
            if (expiresAt < before)
            {
                _expiryByJti.TryRemove(jti, out _);
            }
        }
    }
}
