using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Auth.Accounts;

/// <summary>
/// PBKDF2-SHA256 hashes of passwords and client secrets, encoded as
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64url), so the cost can change without breaking old hashes.
/// </summary>
public static class SecretHasher
{
    public const int DefaultIterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Bounds what a hash read from configuration can make a login cost.
    private const int MaxIterations = 5_000_000;

    public static string Hash(string secret, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join(
            '$',
            Scheme,
            iterations.ToString(CultureInfo.InvariantCulture),
            Base64UrlEncoder.Encode(salt),
            Base64UrlEncoder.Encode(hash));
    }

    public static bool IsWellFormed(string encoded) => TryDecode(encoded, out _, out _, out _);

    /// <summary>The iteration count most of <paramref name="encoded"/> use; <see cref="DefaultIterations"/> when there are none.</summary>
    public static int TypicalIterations(IEnumerable<string> encoded) =>
        encoded
            .Select(hash => TryDecode(hash, out var iterations, out _, out _) ? iterations : 0)
            .Where(iterations => iterations > 0)
            .GroupBy(iterations => iterations)
            .OrderByDescending(group => group.Count())
            .ThenByDescending(group => group.Key)
            .Select(group => group.Key)
            .DefaultIfEmpty(DefaultIterations)
            .First();

    /// <summary>Constant-time comparison; a malformed hash never verifies.</summary>
    public static bool Verify(string secret, string encoded)
    {
        if (!TryDecode(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryDecode(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations < 1 || iterations > MaxIterations)
        {
            return false;
        }

        try
        {
            salt = Base64UrlEncoder.DecodeBytes(parts[2]);
            hash = Base64UrlEncoder.DecodeBytes(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
