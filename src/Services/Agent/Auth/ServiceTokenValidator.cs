using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Agent.Auth;

/// <summary>
/// Accepts a service token issued by the auth service: signature against its JWKS, pinned algorithms,
/// issuer, audience and <c>typ</c>, lifetime, the required scope, and revocation.
/// </summary>
public sealed class ServiceTokenValidator(
    JwksCache keys, RevocationCheck revocation, IOptions<ServiceTokenOptions> options, ILogger<ServiceTokenValidator> logger)
{
    /// <summary>The only algorithms the auth service signs with; anything else is refused.</summary>
    public static readonly string[] PinnedAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];

    private readonly JsonWebTokenHandler _handler = new();

    public async Task<ServiceTokenOutcome> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (!BearerToken.TryRead(authorizationHeader, out var token))
        {
            return ServiceTokenOutcome.Fail(Unauthorized("missing_token", "A service token is required (Authorization: Bearer)."));
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return ServiceTokenOutcome.Fail(InvalidToken("The token is not a well-formed JWT."));
        }

        try
        {
            var key = string.IsNullOrEmpty(jwt.Kid) ? null : await keys.FindAsync(jwt.Kid, cancellationToken);
            if (key is null)
            {
                return ServiceTokenOutcome.Fail(InvalidToken("The token is not signed by a known key."));
            }

            var result = await _handler.ValidateTokenAsync(jwt, Parameters(key));
            if (!result.IsValid)
            {
                logger.LogInformation("Refused a service token: {Reason}", result.Exception?.GetType().Name);
                return ServiceTokenOutcome.Fail(InvalidToken("The token is invalid, expired, or not meant for this service."));
            }

            // The subject names the calling client, which owns its runs: without one the caller is nobody.
            if (string.IsNullOrEmpty(jwt.Subject))
            {
                return ServiceTokenOutcome.Fail(InvalidToken("The token names no client (sub)."));
            }

            var scopes = result.ClaimsIdentity.FindAll("scope").Select(claim => claim.Value);
            if (!ScopeList.Contains(scopes, options.Value.RequiredScope))
            {
                return ServiceTokenOutcome.Fail(AgentProblems.Create(
                    StatusCodes.Status403Forbidden, "insufficient_scope", "The token lacks the required scope.",
                    $"Scope '{options.Value.RequiredScope}' is required."));
            }

            if (!await revocation.IsActiveAsync(token, jwt.Id, jwt.ValidTo, cancellationToken))
            {
                return ServiceTokenOutcome.Fail(InvalidToken("The token has been revoked or is no longer active."));
            }

            return ServiceTokenOutcome.Success(new ClaimsPrincipal(result.ClaimsIdentity));
        }
        catch (AuthServiceUnavailableException e)
        {
            logger.LogWarning("Cannot validate a service token: {Reason}", e.Message);
            return ServiceTokenOutcome.Fail(AgentProblems.Create(
                StatusCodes.Status503ServiceUnavailable, "auth_unavailable", "The auth service cannot be reached to validate the token."));
        }
    }

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        ValidAlgorithms = PinnedAlgorithms,
        ValidTypes = ["at+jwt"],
        IssuerSigningKey = key,
        ClockSkew = options.Value.ClockSkew,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
    };

    private static ProblemHttpResult Unauthorized(string code, string detail) =>
        AgentProblems.Create(StatusCodes.Status401Unauthorized, code, "A valid service token is required.", detail);

    private static ProblemHttpResult InvalidToken(string detail) => Unauthorized("invalid_token", detail);
}
