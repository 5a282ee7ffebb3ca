using Netra.Auth.Storage;

namespace Netra.Auth.Keys;

/// <summary>Signing keys in SQLite, so that tokens signed before a restart still validate after it.</summary>
public sealed class SigningKeyRepository(AuthDatabase database)
{
    public async Task<IReadOnlyList<SigningKey>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT private_key, created_at, activates_at FROM signing_keys");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<SigningKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(SigningKey.FromPkcs8(
                (byte[])reader[0],
                SqliteCommandExtensions.FromUnixMs(reader.GetInt64(1)),
                SqliteCommandExtensions.FromUnixMs(reader.GetInt64(2))));
        }

        return keys;
    }

    public async Task InsertAsync(SigningKey key, byte[] pkcs8, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO signing_keys (kid, private_key, created_at, activates_at) VALUES ($kid, $key, $created, $activates)",
            ("$kid", key.Kid),
            ("$key", pkcs8),
            ("$created", key.CreatedAt.ToUnixMs()),
            ("$activates", key.ActivatesAt.ToUnixMs()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(string kid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM signing_keys WHERE kid = $kid", ("$kid", kid));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
