using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Accounts;
using Netra.Auth.Configuration;
using Netra.Auth.Keys;
using Netra.Auth.Observability;
using Netra.Auth.Sessions;

namespace Netra.Auth.Tokens;

/// <summary>
/// Validates access tokens with everything pinned: RS256 only, <c>typ: at+jwt</c>, our issuer, a known
/// audience, a signature by one of our published keys looked up by exact kid, and an expiry.
/// </summary>
public sealed class AccessTokenValidator
{
    // Headers that point at keys elsewhere or demand extensions: ours never carry them, and nothing here
    // would follow them, but a token that does is refused outright.
    private static readonly string[] ForbiddenHeaders = ["jku", "jwk", "x5u", "x5c", "crit"];

    private readonly JsonWebTokenHandler _handler = new();
    private readonly AuthOptions _options;
    private readonly RevocationList _revocations;
    private readonly AuthMetrics _metrics;
    private readonly Dictionary<string, TokenValidationParameters> _parametersByAudience;
    private readonly TokenValidationParameters _anyKnownAudience;

    public AccessTokenValidator(
        SigningKeyRing keys,
        AccountDirectory accounts,
        RevocationList revocations,
        IOptions<AuthOptions> options,
        AuthMetrics metrics)
    {
        _options = options.Value;
        _revocations = revocations;
        _metrics = metrics;
        _anyKnownAudience = Parameters(keys, accounts.Audiences);
        _parametersByAudience = accounts.Audiences.ToDictionary(a => a, a => Parameters(keys, [a]), StringComparer.Ordinal);
    }

    /// <param name="audience">When given, the token must be for exactly this audience; otherwise any audience this service issues
    /// for.</param>
    public async Task<TokenCheck> ValidateAsync(string? token, string? audience)
    {
        var check = await CheckAsync(token, audience);
        _metrics.Validations.WithLabels(check.Active ? "active" : check.Reason!).Inc();
        return check;
    }

    private async Task<TokenCheck> CheckAsync(string? token, string? audience)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Inactive(InactiveReasons.Malformed);
        }

        // Before any parsing: an oversized token costs nothing but this comparison.
        if (token.Length > _options.MaxTokenLength)
        {
            return TokenCheck.Inactive(InactiveReasons.TokenTooLarge);
        }

        TokenValidationParameters? parameters;
        if (audience is null)
        {
            parameters = _anyKnownAudience;
        }
        else if (!_parametersByAudience.TryGetValue(audience, out parameters))
        {
            return TokenCheck.Inactive(InactiveReasons.InvalidAudience);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception error) when (error is ArgumentException or SecurityTokenException)
        {
            return TokenCheck.Inactive(InactiveReasons.Malformed);
        }

        if (ForbiddenHeaders.Any(header => jwt.TryGetHeaderValue<object>(header, out _)))
        {
            return TokenCheck.Inactive(InactiveReasons.ForbiddenHeader);
        }

        var result = await _handler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid)
        {
            return TokenCheck.Inactive(ReasonFor(result.Exception));
        }

        var sessionId = jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sid, out var sid) ? sid : null;
        if (_revocations.IsRevoked(jwt.Id, sessionId))
        {
            return TokenCheck.Inactive(InactiveReasons.Revoked);
        }

        return new TokenCheck(
            Active: true,
            Reason: null,
            Subject: jwt.Subject,
            Audience: jwt.Audiences.FirstOrDefault(),
            ExpiresAt: new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            Scope: jwt.TryGetPayloadValue<string>("scope", out var scope) ? scope : "",
            Jti: jwt.Id,
            SessionId: sessionId);
    }

    private TokenValidationParameters Parameters(SigningKeyRing keys, IEnumerable<string> audiences) => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudiences = [.. audiences],
        ValidAlgorithms = [SigningKey.Algorithm],
        ValidTypes = [AccessTokenIssuer.TokenType],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = _options.ClockSkew,
        // Only our own published keys, by exact kid: never a key named or carried by the token.
        IssuerSigningKeyResolver = (_, _, kid, _) => keys.Find(kid) is { } key ? [key.PublicKey] : [],
        TryAllIssuerSigningKeys = false,
    };

    private static string ReasonFor(Exception? error) => error switch
    {
        SecurityTokenExpiredException => InactiveReasons.Expired,
        SecurityTokenNotYetValidException => InactiveReasons.NotYetValid,
        SecurityTokenNoExpirationException => InactiveReasons.MissingExpiration,
        SecurityTokenInvalidLifetimeException => InactiveReasons.InvalidLifetime,
        SecurityTokenInvalidIssuerException => InactiveReasons.InvalidIssuer,
        SecurityTokenInvalidAudienceException => InactiveReasons.InvalidAudience,
        SecurityTokenInvalidAlgorithmException => InactiveReasons.InvalidAlgorithm,
        SecurityTokenInvalidTypeException => InactiveReasons.InvalidType,
        SecurityTokenSignatureKeyNotFoundException => InactiveReasons.UnknownKey,
        SecurityTokenInvalidSignatureException => InactiveReasons.InvalidSignature,
        SecurityTokenMalformedException => InactiveReasons.Malformed,
        _ => InactiveReasons.Invalid,
    };
}
