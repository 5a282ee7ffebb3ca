using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Configuration;
using Netra.Auth.Storage;

namespace Netra.Auth.Sessions;

/// <summary>The outcome of presenting a refresh token; <see cref="NewRefreshToken"/> is set only on rotation.</summary>
public sealed record RotationResult(RefreshVerdict Verdict, string? FamilyId, string? Subject, string? NewRefreshToken);

/// <summary>
/// Refresh tokens: opaque random strings, stored only as SHA-256 hashes (they have 256 bits of entropy,
/// so a slow hash buys nothing), single use, grouped in families that start at login.
/// </summary>
public sealed class RefreshTokenStore(AuthDatabase database, IOptions<AuthOptions> options)
{
    public const string Prefix = "nrt_";

    // Longer input is not one of ours; refuse it before hashing.
    private const int MaxLength = 128;

    private readonly TimeSpan _lifetime = options.Value.RefreshTokenLifetime;
    private readonly TimeSpan _retryGrace = options.Value.RefreshRetryGrace;

    public async Task<(string FamilyId, string RefreshToken)> StartFamilyAsync(
        string subject,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var familyId = NewFamilyId();
        var token = NewToken();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var family = connection.Command(
            "INSERT INTO refresh_families (family_id, subject, created_at, expires_at) VALUES ($family, $subject, $now, $expires)",
            ("$family", familyId),
            ("$subject", subject),
            ("$now", now.ToUnixMs()),
            ("$expires", (now + _lifetime).ToUnixMs())))
        {
            await family.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertTokenAsync(connection, familyId, token, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (familyId, token);
    }

    /// <summary>
    /// Decides and applies the fate of a presented token in one IMMEDIATE transaction: SQLite admits one
    /// writer at a time, so of two concurrent presentations exactly one rotates.
    /// </summary>
    public async Task<RotationResult> RotateAsync(string presented, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (presented.Length > MaxLength || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new RotationResult(RefreshVerdict.Unknown, null, null, null);
        }

        var hash = HashOf(presented);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var (record, successorHash) = await FindAsync(connection, hash, cancellationToken);
        var verdict = RefreshDecision.Decide(record, now, _retryGrace);
        switch (verdict)
        {
            case RefreshVerdict.Rotate:
                await MarkUsedAsync(connection, hash, now, cancellationToken);
                return await CommitSuccessorAsync(connection, transaction, record!, hash, now, cancellationToken);
            case RefreshVerdict.RotateRetry:
                // The successor the client never received may not be used any more: if it shows up, that is reuse.
                await MarkUsedAsync(connection, successorHash!, now, cancellationToken);
                return await CommitSuccessorAsync(connection, transaction, record!, hash, now, cancellationToken);
            case RefreshVerdict.RevokeFamilyForReuse:
                await RevokeFamilyAsync(connection, record!.FamilyId, "reuse", now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new RotationResult(verdict, record.FamilyId, record.Subject, null);
            default:
                return new RotationResult(verdict, record?.FamilyId, record?.Subject, null);
        }
    }

    private static Task MarkUsedAsync(SqliteConnection connection, byte[] hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            "UPDATE refresh_tokens SET used_at = $now WHERE token_hash = $hash AND used_at IS NULL",
            cancellationToken,
            ("$now", now.ToUnixMs()),
            ("$hash", hash));

    /// <summary>Issues the successor of <paramref name="presentedHash"/>, remembers it (for one retry) and extends the family.</summary>
    private async Task<RotationResult> CommitSuccessorAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        RefreshTokenRecord record,
        byte[] presentedHash,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var successor = NewToken();
        await InsertTokenAsync(connection, record.FamilyId, successor, now, cancellationToken);
        await ExecuteAsync(
            connection,
            """
            INSERT INTO refresh_successors (token_hash, successor_hash) VALUES ($hash, $successor)
            ON CONFLICT (token_hash) DO UPDATE SET successor_hash = excluded.successor_hash, retried = 1
            """,
            cancellationToken,
            ("$hash", presentedHash),
            ("$successor", HashOf(successor)));
        await ExecuteAsync(
            connection,
            "UPDATE refresh_families SET expires_at = $expires WHERE family_id = $family",
            cancellationToken,
            ("$expires", (now + _lifetime).ToUnixMs()),
            ("$family", record.FamilyId));
        await transaction.CommitAsync(cancellationToken);
        return new RotationResult(RefreshVerdict.Rotate, record.FamilyId, record.Subject, successor);
    }

    public async Task RevokeFamilyAsync(string familyId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await RevokeFamilyAsync(connection, familyId, reason, now, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RevokedFamilyIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT family_id FROM refresh_families WHERE revoked_at IS NOT NULL");
        return await ReadStringsAsync(command, cancellationToken);
    }

    /// <summary>Deletes families (and their tokens) that expired longer ago than <paramref name="grace"/>; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> PurgeExpiredAsync(DateTimeOffset now, TimeSpan grace, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "DELETE FROM refresh_families WHERE expires_at < $before RETURNING family_id",
            ("$before", (now - grace).ToUnixMs()));
        return await ReadStringsAsync(command, cancellationToken);
    }

    private static string NewToken() => Prefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string NewFamilyId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private async Task InsertTokenAsync(
        SqliteConnection connection,
        string familyId,
        string token,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await ExecuteAsync(
            connection,
            "INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at) VALUES ($hash, $family, $now, $expires)",
            cancellationToken,
            ("$hash", HashOf(token)),
            ("$family", familyId),
            ("$now", now.ToUnixMs()),
            ("$expires", (now + _lifetime).ToUnixMs()));

    private static async Task<(RefreshTokenRecord? Record, byte[]? SuccessorHash)> FindAsync(
        SqliteConnection connection, byte[] hash, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            """
            SELECT f.family_id, f.subject, t.expires_at, t.used_at, f.revoked_at, s.successor_hash,
                   s.retried = 0 AND n.token_hash IS NOT NULL AND n.used_at IS NULL
            FROM refresh_tokens t JOIN refresh_families f ON f.family_id = t.family_id
            LEFT JOIN refresh_successors s ON s.token_hash = t.token_hash
            LEFT JOIN refresh_tokens n ON n.token_hash = s.successor_hash
            WHERE t.token_hash = $hash
            """,
            ("$hash", hash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, null);
        }

        var record = new RefreshTokenRecord(
            reader.GetString(0),
            reader.GetString(1),
            SqliteCommandExtensions.FromUnixMs(reader.GetInt64(2)),
            reader.IsDBNull(3) ? null : SqliteCommandExtensions.FromUnixMs(reader.GetInt64(3)),
            reader.IsDBNull(4) ? null : SqliteCommandExtensions.FromUnixMs(reader.GetInt64(4)),
            RetryAvailable: !reader.IsDBNull(6) && reader.GetInt64(6) == 1);
        return (record, reader.IsDBNull(5) ? null : (byte[])reader[5]);
    }

    private static Task RevokeFamilyAsync(
        SqliteConnection connection,
        string familyId,
        string reason,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            "UPDATE refresh_families SET revoked_at = $now, revoked_reason = $reason WHERE family_id = $family AND revoked_at IS NULL",
            cancellationToken,
            ("$now", now.ToUnixMs()),
            ("$reason", reason),
            ("$family", familyId));

    private static async Task ExecuteAsync(
        SqliteConnection connection,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
