using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Configuration;
using Netra.Auth.Keys;
using Netra.Auth.Observability;

namespace Netra.Auth.Tokens;

/// <summary>Signs access tokens: header <c>kid</c>, <c>typ: at+jwt</c>; claims iss, sub, aud, exp, nbf, iat, jti, scope (and sid for user
/// sessions).</summary>
public sealed class AccessTokenIssuer(SigningKeyRing keys, IOptions<AuthOptions> options, TimeProvider time, AuthMetrics metrics)
{
    public const string TokenType = "at+jwt";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly AuthOptions _options = options.Value;

    /// <param name="sessionId">The refresh family a user token belongs to, so revoking the family revokes it too.</param>
    /// <param name="lifetime">The token's lifetime when not <c>Auth:AccessTokenLifetime</c>.</param>
    public IssuedAccessToken Issue(
        string subject,
        string audience,
        string scope,
        string? sessionId,
        string grant,
        TimeSpan? lifetime = null)
    {
        var validFor = lifetime ?? _options.AccessTokenLifetime;
        // Whole seconds, as JWT NumericDate carries them.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = now + validFor;
        var jti = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = jti,
            ["scope"] = scope,
        };
        if (sessionId is not null)
        {
            claims[JwtRegisteredClaimNames.Sid] = sessionId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            TokenType = TokenType,
            SigningCredentials = keys.CurrentSigningKey().Credentials,
            Claims = claims,
        });
        metrics.TokensIssued.WithLabels(grant).Inc();
        return new IssuedAccessToken(token, jti, expiresAt, (int)validFor.TotalSeconds);
    }
}
