namespace Netra.Auth.Tokens;

public sealed record IssuedAccessToken(string Token, string Jti, DateTimeOffset ExpiresAt, int ExpiresInSeconds);
