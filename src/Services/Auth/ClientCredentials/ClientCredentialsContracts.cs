namespace Netra.Auth.ClientCredentials;

public sealed record ClientCredentialsRequest(string? GrantType, string? ClientId, string? ClientSecret, string? Audience);

public sealed record ClientTokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope);
