namespace Netra.Backend.Auth;

public enum RecheckOutcome
{
    /// <summary>The connection keeps going.</summary>
    KeepOpen,

    /// <summary>Send <c>auth_expired {reason: "expired"}</c>.</summary>
    Expired,

    /// <summary>Send <c>auth_expired {reason: "revoked"}</c>.</summary>
    Revoked,
}

/// <summary>The periodic re-check of a connection's token, as a pure decision.</summary>
public static class RecheckPolicy
{
    /// <summary>
    /// Expiry is known locally and always wins. Revocation comes from the auth service; when the service cannot be
    /// asked, a token that has not expired keeps the connection (the next re-check asks again).
    /// </summary>
    public static RecheckOutcome Decide(DateTimeOffset expiresAt, DateTimeOffset now, IntrospectionResult introspection) =>
        now >= expiresAt ? RecheckOutcome.Expired
        : introspection == IntrospectionResult.Inactive ? RecheckOutcome.Revoked
        : RecheckOutcome.KeepOpen;

    /// <summary>Whether a token sent with <c>auth_refresh</c> may replace the connection's token.</summary>
    public static bool AcceptsRefresh(string connectionUserId, TokenCheck refreshed) =>
        refreshed.Status == TokenStatus.Valid
        && refreshed.Identity is not null
        && string.Equals(refreshed.Identity.UserId, connectionUserId, StringComparison.Ordinal);
}
