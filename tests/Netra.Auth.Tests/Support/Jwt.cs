using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Keys;
using Netra.Testing;

namespace Netra.Auth.Tests.Support;

/// <summary>Builds JWTs by hand, the way an attacker would, to send them to the service.</summary>
public static class Jwt
{
    public static Dictionary<string, object?> Header(string kid) => new()
    {
        ["alg"] = "RS256",
        ["kid"] = kid,
        ["typ"] = "at+jwt",
    };

    public static Dictionary<string, object?> Claims(string subject = "alice", string audience = "netra-backend")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new()
        {
            ["iss"] = "http://netra-auth",
            ["sub"] = subject,
            ["aud"] = audience,
            ["exp"] = now + 300,
            ["nbf"] = now,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["scope"] = "chat",
        };
    }

    public static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    public static string WithoutSignature(object header, object claims) => $"{Encode(header)}.{Encode(claims)}.";

    public static string SignRs256(object header, object claims, RSA key)
    {
        var input = $"{Encode(header)}.{Encode(claims)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    public static string SignHs256(object header, object claims, byte[] secret)
    {
        var input = $"{Encode(header)}.{Encode(claims)}";
        return $"{input}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)))}";
    }

    /// <summary>Signs with the service's own current key, for claims the service itself would never issue.</summary>
    public static string SignAsService(InProcessService service, Func<string, Dictionary<string, object?>> header, Dictionary<string, object?> claims)
    {
        var key = ((SigningKeyRing)service.Services.GetService(typeof(SigningKeyRing))!).CurrentSigningKey();
        using var rsa = RSA.Create(((RsaSecurityKey)key.Credentials.Key).Parameters);
        return SignRs256(header(key.Kid), claims, rsa);
    }

    public static string SignAsService(InProcessService service, Dictionary<string, object?> claims) => SignAsService(service, Header, claims);

    public static JsonElement HeaderOf(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.Clone();

    public static JsonElement ClaimsOf(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.Clone();
}
