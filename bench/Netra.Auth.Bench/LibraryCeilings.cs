using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Keys;
using Netra.Auth.Tokens;

namespace Netra.Auth.Bench;

/// <summary>
/// The service's own token work beside a bare <see cref="JsonWebTokenHandler"/> doing the same with the same key in
/// the same process: the library's ceiling, which the service's figures are divided by.
/// </summary>
public static class LibraryCeilings
{
    private const string Audience = "netra-backend";

    /// <summary>What <c>/v1/auth/validate</c> runs per request, without HTTP: pinned checks, revocation, metrics.</summary>
    public static Task<BenchResult> ServiceValidationAsync(AuthBenchHost host)
    {
        var validator = host.Services.GetRequiredService<AccessTokenValidator>();
        var tokens = Measurements.IssueTokens(host);
        return RateLoop.MeasureAsync("service validation (AccessTokenValidator), 1 thread", async i =>
        {
            if (!(await validator.ValidateAsync(tokens[i % tokens.Length], Audience)).Active)
            {
                throw new InvalidOperationException("A genuine token was found inactive.");
            }
        });
    }

    /// <summary>The same tokens through a bare handler given the same public key directly.</summary>
    public static Task<BenchResult> BareValidationAsync(AuthBenchHost host)
    {
        var key = host.Services.GetRequiredService<SigningKeyRing>().CurrentSigningKey();
        var tokens = Measurements.IssueTokens(host);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "http://netra-auth",
            ValidAudience = Audience,
            IssuerSigningKey = key.PublicKey,
            ValidAlgorithms = [SigningKey.Algorithm],
            ValidTypes = [AccessTokenIssuer.TokenType],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        };
        var handler = new JsonWebTokenHandler();
        return RateLoop.MeasureAsync("bare JsonWebTokenHandler validation, 1 thread", async i =>
        {
            if (!(await handler.ValidateTokenAsync(tokens[i % tokens.Length], parameters)).IsValid)
            {
                throw new InvalidOperationException("A genuine token failed bare validation.");
            }
        });
    }

    /// <summary>A token of the same shape signed by a bare handler with the service's current key.</summary>
    public static Task<BenchResult> BareSigningAsync(AuthBenchHost host)
    {
        var credentials = host.Services.GetRequiredService<SigningKeyRing>().CurrentSigningKey().Credentials;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var now = DateTime.UtcNow;
        return RateLoop.MeasureAsync("bare JsonWebTokenHandler signing, 1 thread", _ =>
        {
            handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "http://netra-auth",
                Audience = Audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(15),
                TokenType = AccessTokenIssuer.TokenType,
                SigningCredentials = credentials,
                Claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = "alice", ["scope"] = "chat" },
            });
            return ValueTask.CompletedTask;
        });
    }
}
