namespace Netra.Backend.Auth;

public enum TokenStatus
{
    Valid,

    /// <summary>Signature, issuer, audience, type, scope or lifetime do not hold.</summary>
    Invalid,

    /// <summary>Well-formed and signed, but the auth service says it was revoked.</summary>
    Revoked,

    /// <summary>The auth service could not be asked.</summary>
    AuthUnavailable,
}

/// <summary>The outcome of validating one token; <see cref="Identity"/> is set when the signature held.</summary>
public sealed record TokenCheck(TokenStatus Status, UserIdentity? Identity, string Reason);
