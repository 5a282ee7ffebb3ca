using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Auth.Keys;

/// <summary>An RSA-2048 key pair signing RS256 access tokens. RS256 rather than ES256: verification is several times cheaper.</summary>
public sealed class SigningKey
{
    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    private SigningKey(RSAParameters privateParameters, DateTimeOffset createdAt, DateTimeOffset activatesAt)
    {
        PublicParameters = new RSAParameters { Modulus = privateParameters.Modulus, Exponent = privateParameters.Exponent };
        PublicKey = new RsaSecurityKey(PublicParameters);
        Kid = Base64UrlEncoder.Encode(PublicKey.ComputeJwkThumbprint());
        PublicKey.KeyId = Kid;
        Credentials = new SigningCredentials(new RsaSecurityKey(privateParameters) { KeyId = Kid }, Algorithm);
        CreatedAt = createdAt;
        ActivatesAt = activatesAt;
    }

    /// <summary>The RFC 7638 thumbprint of the public key.</summary>
    public string Kid { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset ActivatesAt { get; }

    public RSAParameters PublicParameters { get; }

    /// <summary>The public half only: validation never needs the private key.</summary>
    public RsaSecurityKey PublicKey { get; }

    public SigningCredentials Credentials { get; }

    public KeyActivation Activation => new(Kid, ActivatesAt);

    /// <summary>A new private key, PKCS#8 encoded. Slow (RSA prime search): callers time the key's activation after it.</summary>
    public static byte[] NewPrivateKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    }

    /// <summary>The key of a PEM file (PKCS#1 or PKCS#8 RSA private key), signing from the start.</summary>
    public static SigningKey FromPem(string pem, DateTimeOffset loadedAt)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new SigningKey(rsa.ExportParameters(includePrivateParameters: true), loadedAt, DateTimeOffset.UnixEpoch);
    }

    public static SigningKey FromPkcs8(byte[] pkcs8, DateTimeOffset createdAt, DateTimeOffset activatesAt)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new SigningKey(rsa.ExportParameters(includePrivateParameters: true), createdAt, activatesAt);
    }
}
