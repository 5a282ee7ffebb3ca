namespace Netra.Backend.Auth;

/// <summary>Who a validated user token speaks for, and until when.</summary>
public sealed record UserIdentity(string UserId, DateTimeOffset ExpiresAt);
