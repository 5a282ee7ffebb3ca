using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Netra.Auth.Configuration;

namespace Netra.Auth.Storage;

/// <summary>
/// The SQLite file at <c>Auth:DataPath</c>: signing keys, refresh token families and revocations; readable by the
/// service's own user only (see <see cref="PrivateFiles"/>).
/// </summary>
public sealed class AuthDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS signing_keys (
            kid TEXT PRIMARY KEY,
            private_key BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            activates_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS refresh_families (
            family_id TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER,
            revoked_reason TEXT);
        CREATE TABLE IF NOT EXISTS refresh_tokens (
            token_hash BLOB PRIMARY KEY,
            family_id TEXT NOT NULL REFERENCES refresh_families (family_id) ON DELETE CASCADE,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER);
        CREATE INDEX IF NOT EXISTS refresh_tokens_by_family ON refresh_tokens (family_id);
        CREATE TABLE IF NOT EXISTS refresh_successors (
            token_hash BLOB PRIMARY KEY REFERENCES refresh_tokens (token_hash) ON DELETE CASCADE,
            successor_hash BLOB NOT NULL,
            retried INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS revoked_access_tokens (
            jti TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL);
        """;

    private readonly string _connectionString;
    private readonly string _path;

    public AuthDatabase(IOptions<AuthOptions> options)
    {
        var path = Path.GetFullPath(options.Value.DataPath);
        _path = path;
        PrivateFiles.EnsureDirectory(Path.GetDirectoryName(path)!);
        PrivateFiles.EnsureOwnerOnly(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
        }.ToString();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        // WAL mode has now created its files; one left by an older version may still be readable by others.
        PrivateFiles.EnsureOwnerOnly(_path);
    }
}
