using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Netra.Probes.Clients;

/// <summary>
/// Verifies a JWT's signature with nothing but the issuer's published JWKS, as an independent client
/// would (RS256 and ES256). Claims are not judged here; the probes check those themselves.
/// </summary>
public static class JwksVerifier
{
    public sealed record Verified(JsonElement Header, JsonElement Claims);

    /// <summary>The token's header and claims when a JWKS key signed it, else null with the reason.</summary>
    public static Verified? Verify(string token, JsonElement jwks, out string reason)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            reason = "not a three-part JWT";
            return null;
        }

        var header = ProbeJson.Parse(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[0])));
        var claims = ProbeJson.Parse(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[1])));
        var kid = header.Text("kid");
        var key = jwks.GetProperty("keys").EnumerateArray().FirstOrDefault(k => k.Text("kid") == kid);
        if (key.ValueKind != JsonValueKind.Object)
        {
            reason = $"no JWKS key with kid '{kid}'";
            return null;
        }

        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        var signature = WebEncoders.Base64UrlDecode(parts[2]);
        bool? valid = (header.Text("alg"), key.Text("kty")) switch
        {
            ("RS256", "RSA") => VerifyRsa(key, signed, signature),
            ("ES256", "EC") => VerifyEc(key, signed, signature),
            _ => null,
        };
        reason = valid switch
        {
            true => string.Empty,
            false => "the signature does not verify with the published key",
            null => $"alg '{header.Text("alg")}' does not go with key type '{key.Text("kty")}'",
        };
        return valid == true ? new Verified(header, claims) : null;
    }

    private static bool VerifyRsa(JsonElement key, byte[] data, byte[] signature)
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = Decode(key, "n"), Exponent = Decode(key, "e") });
        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static bool VerifyEc(JsonElement key, byte[] data, byte[] signature)
    {
        using var ec = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Decode(key, "x"), Y = Decode(key, "y") },
        });
        return ec.VerifyData(data, signature, HashAlgorithmName.SHA256);
    }

    private static byte[] Decode(JsonElement key, string name) => WebEncoders.Base64UrlDecode(key.Text(name) ?? string.Empty);
}
