namespace Netra.Auth.Sessions;

/// <summary>
/// What is known about a presented refresh token, read inside the rotating transaction. <see cref="RetryAvailable"/>:
/// it was rotated, its successor has not been used, and no retry has been granted for it yet.
/// </summary>
public sealed record RefreshTokenRecord(
    string FamilyId,
    string Subject,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    DateTimeOffset? FamilyRevokedAt,
    bool RetryAvailable = false);

public enum RefreshVerdict
{
    /// <summary>Mark it used and issue its successor in the same family.</summary>
    Rotate,

    /// <summary>
    /// A just-rotated token came back once, within the retry grace, before its successor was used: the client most
    /// likely lost the response. Retire the unused successor and issue a fresh one instead.
    /// </summary>
    RotateRetry,

    /// <summary>A used token came back: someone holds a copy. Revoke the whole family (if not already).</summary>
    RevokeFamilyForReuse,

    Unknown,
    Expired,
    FamilyRevoked,
}

/// <summary>The refresh-family state transitions, free of I/O.</summary>
public static class RefreshDecision
{
    public static RefreshVerdict Decide(RefreshTokenRecord? token, DateTimeOffset now, TimeSpan retryGrace = default) => token switch
    {
        null => RefreshVerdict.Unknown,
        { UsedAt: { } usedAt, FamilyRevokedAt: null, RetryAvailable: true } when now - usedAt <= retryGrace && token.ExpiresAt > now
            => RefreshVerdict.RotateRetry,
        // A replayed token is a theft signal whatever else holds: even after it expired, or after its family
        // was revoked (revoking again changes nothing, but the caller learns why it was refused).
        { UsedAt: not null } => RefreshVerdict.RevokeFamilyForReuse,
        { FamilyRevokedAt: not null } => RefreshVerdict.FamilyRevoked,
        _ when token.ExpiresAt <= now => RefreshVerdict.Expired,
        _ => RefreshVerdict.Rotate,
    };
}
