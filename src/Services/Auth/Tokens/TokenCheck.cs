namespace Netra.Auth.Tokens;

/// <summary>The verdict on an access token: its claims when active, the reason when not.</summary>
public sealed record TokenCheck(
    bool Active,
    string? Reason,
    string? Subject = null,
    string? Audience = null,
    DateTimeOffset? ExpiresAt = null,
    string? Scope = null,
    string? Jti = null,
    string? SessionId = null)
{
    public static TokenCheck Inactive(string reason) => new(false, reason);
}
