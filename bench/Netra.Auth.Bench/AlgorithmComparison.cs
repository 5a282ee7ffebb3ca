using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Auth.Bench;

/// <summary>ES256 (P-256) against RS256 (RSA-2048), signing and verifying with a bare handler, one thread each.</summary>
public static class AlgorithmComparison
{
    public static async Task<IReadOnlyList<BenchResult>> MeasureAsync()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rs256 = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        var es256 = new SigningCredentials(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256);
        return
        [
            await SignAsync("RS256", rs256),
            await SignAsync("ES256", es256),
            await VerifyAsync("RS256", rs256),
            await VerifyAsync("ES256", es256),
        ];
    }

    public static string SignName(string algorithm) => $"{algorithm} sign (bare handler), 1 thread";

    public static string VerifyName(string algorithm) => $"{algorithm} verify (bare handler), 1 thread";

    private static Task<BenchResult> SignAsync(string algorithm, SigningCredentials credentials)
    {
        var handler = new JsonWebTokenHandler();
        return RateLoop.MeasureAsync(SignName(algorithm), _ =>
        {
            handler.CreateToken(Descriptor(credentials));
            return ValueTask.CompletedTask;
        });
    }

    private static Task<BenchResult> VerifyAsync(string algorithm, SigningCredentials credentials)
    {
        var handler = new JsonWebTokenHandler();
        var token = handler.CreateToken(Descriptor(credentials));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "bench",
            ValidAudience = "bench",
            IssuerSigningKey = credentials.Key,
            ValidAlgorithms = [credentials.Algorithm],
        };
        return RateLoop.MeasureAsync(VerifyName(algorithm), async _ =>
        {
            if (!(await handler.ValidateTokenAsync(token, parameters)).IsValid)
            {
                throw new InvalidOperationException($"A genuine {algorithm} token failed validation.");
            }
        });
    }

    private static SecurityTokenDescriptor Descriptor(SigningCredentials credentials) => new()
    {
        Issuer = "bench",
        Audience = "bench",
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = credentials,
        Claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = "alice" },
    };
}
