using Microsoft.Extensions.Options;
using Netra.Auth.Accounts;
using Netra.Auth.Configuration;
using Netra.Auth.Observability;
using Netra.Auth.Tokens;

namespace Netra.Auth.Sessions;

/// <summary>User sessions: a login starts a refresh family, refreshes rotate it, logout and reuse revoke it.</summary>
public sealed class SessionService(
    RefreshTokenStore refreshTokens,
    RevocationList revocations,
    AccessTokenIssuer issuer,
    AccountDirectory accounts,
    IOptions<AuthOptions> options,
    TimeProvider time,
    AuthMetrics metrics,
    ILogger<SessionService> logger)
{
    private readonly AuthOptions _options = options.Value;

    public async Task<TokenPair> StartAsync(string username, CancellationToken cancellationToken)
    {
        var (familyId, refreshToken) = await refreshTokens.StartFamilyAsync(username, time.GetUtcNow(), cancellationToken);
        return new TokenPair(IssueUserToken(username, familyId, Grants.Password), refreshToken);
    }

    public async Task<RefreshResult> RefreshAsync(string presented, CancellationToken cancellationToken)
    {
        var rotation = await refreshTokens.RotateAsync(presented, time.GetUtcNow(), cancellationToken);
        switch (rotation.Verdict)
        {
            case RefreshVerdict.Rotate when accounts.IsKnownUser(rotation.Subject!):
                var access = IssueUserToken(rotation.Subject!, rotation.FamilyId!, Grants.RefreshToken);
                return new RefreshResult(rotation.Verdict, new TokenPair(access, rotation.NewRefreshToken!));
            case RefreshVerdict.Rotate:
                // The user was removed from configuration since the login.
                await RevokeFamilyAsync(rotation.FamilyId!, "user_removed", cancellationToken);
                return new RefreshResult(RefreshVerdict.FamilyRevoked, null);
            case RefreshVerdict.RevokeFamilyForReuse:
                revocations.FamilyRevoked(rotation.FamilyId!);
                metrics.RefreshReuseDetections.Inc();
                logger.LogWarning("Refresh token reuse detected; revoked refresh family {FamilyId}", rotation.FamilyId);
                return new RefreshResult(rotation.Verdict, null);
            default:
                return new RefreshResult(rotation.Verdict, null);
        }
    }

    /// <summary>Revokes a validated access token and, for a user token, its whole refresh family.</summary>
    public async Task LogoutAsync(TokenCheck token, CancellationToken cancellationToken)
    {
        await revocations.RevokeAccessTokenAsync(token.Jti!, token.ExpiresAt!.Value, cancellationToken);
        if (token.SessionId is { } familyId)
        {
            await RevokeFamilyAsync(familyId, "logout", cancellationToken);
        }
    }

    private async Task RevokeFamilyAsync(string familyId, string reason, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeFamilyAsync(familyId, reason, time.GetUtcNow(), cancellationToken);
        revocations.FamilyRevoked(familyId);
    }

    private IssuedAccessToken IssueUserToken(string username, string familyId, string grant) =>
        issuer.Issue(username, _options.UserAudience, _options.UserScope, familyId, grant, _options.AccessTokenLifetimeOf(username));
}
