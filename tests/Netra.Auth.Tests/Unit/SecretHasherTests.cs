using Netra.Auth.Accounts;

namespace Netra.Auth.Tests.Unit;

public class SecretHasherTests
{
    [Fact]
    public void A_hash_verifies_its_secret_only()
    {
        var hash = SecretHasher.Hash("s3cret", iterations: 1000);

        Assert.True(SecretHasher.Verify("s3cret", hash));
        Assert.False(SecretHasher.Verify("s3cret ", hash));
        Assert.DoesNotContain("s3cret", hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, SecretHasher.Hash("s3cret", iterations: 1000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("s3cret")]
    [InlineData("pbkdf2-sha256$1000$c2FsdA$")]
    [InlineData("pbkdf2-sha256$0$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("pbkdf2-sha256$99999999$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("md5$1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Malformed_hashes_never_verify(string hash)
    {
        Assert.False(SecretHasher.IsWellFormed(hash));
        Assert.False(SecretHasher.Verify("s3cret", hash));
    }

    [Fact]
    public void Hash_secret_command_prints_a_usable_hash()
    {
        using var output = new StringWriter();
        Assert.True(HashSecretCommand.TryRun(["hash-secret"], new StringReader("from-stdin\n"), output));
        Assert.True(SecretHasher.Verify("from-stdin", output.ToString().Trim()));
        Assert.False(HashSecretCommand.TryRun(["--urls=http://127.0.0.1:0"], TextReader.Null, output));
    }
}
