using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

/// <summary>Issue 15 item 6: the signing key is readable by the service's own user only, or comes from a mounted Secret.</summary>
public class KeyCustodyTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task The_data_directory_is_0700_and_the_database_its_wal_and_shm_are_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        var dataPath = AuthHost.NewDataPath();
        await using (var auth = await AuthHost.StartWithDataAsync(dataPath))
        {
            await auth.LoginAsync("alice");

            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Path.GetDirectoryName(dataPath)!));
            foreach (var file in new[] { dataPath, dataPath + "-wal", dataPath + "-shm" })
            {
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
            }
        }

        Directory.Delete(Path.GetDirectoryName(dataPath)!, recursive: true);
    }

    [Fact]
    public async Task A_database_left_world_readable_by_an_older_version_is_narrowed_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        var dataPath = AuthHost.NewDataPath();
        await using (await AuthHost.StartWithDataAsync(dataPath))
        {
        }

        File.SetUnixFileMode(dataPath, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using (await AuthHost.StartWithDataAsync(dataPath))
        {
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(dataPath));
        }

        Directory.Delete(Path.GetDirectoryName(dataPath)!, recursive: true);
    }

    [Fact]
    public async Task With_a_signing_key_file_tokens_are_signed_with_that_key_alone()
    {
        using var rsa = RSA.Create(2048);
        var folder = Directory.CreateTempSubdirectory("netra-auth-key-");
        var keyPath = Path.Combine(folder.FullName, "signing-key.pem");
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        var expectedKid = Base64UrlEncoder.Encode(new RsaSecurityKey(rsa.ExportParameters(false)).ComputeJwkThumbprint());
        try
        {
            await using var auth = await AuthHost.StartAsync($"--Auth:SigningKeyPath={keyPath}");
            var token = (await auth.LoginAsync("alice")).GetProperty("access_token").GetString()!;

            Assert.Equal([expectedKid], await auth.PublishedKidsAsync());
            Assert.Equal(expectedKid, Jwt.HeaderOf(token).GetProperty("kid").GetString());
            Assert.True((await (await JwksOnlyValidator.FetchAsync(auth.Http)).ValidateAsync(token)).IsValid);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_signing_key_path_that_names_no_file_stops_the_start()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"netra-no-such-key-{Guid.NewGuid():N}.pem");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AuthHost.StartAsync($"--Auth:SigningKeyPath={missing}"));

        Assert.Contains("Auth:SigningKeyPath", error.ToString(), StringComparison.Ordinal);
    }
}
