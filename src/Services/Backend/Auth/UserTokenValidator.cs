using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Polly;

namespace Netra.Backend.Auth;

/// <summary>
/// Validates a user access token: locally against the auth service's JWKS (algorithm, issuer, audience, type,
/// lifetime, scope), then asks the auth service whether it was revoked.
/// </summary>
public sealed class UserTokenValidator(
    SigningKeyCache signingKeys,
    AuthIntrospectionClient introspection,
    IOptions<BackendOptions> options,
    TimeProvider time)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Local validation and revocation, for the upgrade and for <c>auth_refresh</c>.</summary>
    public async Task<TokenCheck> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var local = await ValidateLocallyAsync(token, cancellationToken);
        if (local.Status != TokenStatus.Valid)
        {
            return local;
        }

        return await introspection.IntrospectAsync(token, options.Value.Audience, cancellationToken) switch
        {
            IntrospectionResult.Active => local,
            IntrospectionResult.Inactive => local with { Status = TokenStatus.Revoked, Reason = "revoked" },
            _ => local with { Status = TokenStatus.AuthUnavailable, Reason = "auth service unavailable" },
        };
    }

    /// <summary>The periodic re-check of a token that was valid when accepted.</summary>
    public async Task<RecheckOutcome> RecheckAsync(string token, UserIdentity identity, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var result = now >= identity.ExpiresAt
            ? IntrospectionResult.Inactive
            : await introspection.IntrospectAsync(token, options.Value.Audience, cancellationToken);
        return RecheckPolicy.Decide(identity.ExpiresAt, time.GetUtcNow(), result);
    }

    private async Task<TokenCheck> ValidateLocallyAsync(string token, CancellationToken cancellationToken)
    {
        if (!TryRead(token, out var keyId))
        {
            return new TokenCheck(TokenStatus.Invalid, null, "malformed token");
        }

        SigningKeys keys;
        try
        {
            keys = await signingKeys.GetAsync(keyId, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or KeyNotFoundException or ArgumentException
            or ExecutionRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new TokenCheck(TokenStatus.AuthUnavailable, null, "signing keys unavailable");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = keys.Issuer,
            ValidAudience = options.Value.Audience,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
            ValidTypes = ["at+jwt"],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires),
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return new TokenCheck(TokenStatus.Invalid, null, "token rejected");
        }

        var scopes = jwt.TryGetPayloadValue<string>("scope", out var scope) ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (!scopes.Contains(options.Value.RequiredScope, StringComparer.Ordinal) || string.IsNullOrEmpty(jwt.Subject))
        {
            return new TokenCheck(TokenStatus.Invalid, null, "token lacks the required scope");
        }

        var identity = new UserIdentity(jwt.Subject, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        return new TokenCheck(TokenStatus.Valid, identity, "valid");
    }

    /// <summary>A token the handler cannot parse (bad base64, a header that is not JSON) is the client's fault: 401, never 503.</summary>
    private bool TryRead(string token, out string? keyId)
    {
        keyId = null;
        if (!_handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            keyId = _handler.ReadJsonWebToken(token).Kid;
            return true;
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException is an ArgumentException.
            return false;
        }
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is not null && now < expires.Value && (notBefore is null || now + ClockSkew >= notBefore.Value);
    }
}
