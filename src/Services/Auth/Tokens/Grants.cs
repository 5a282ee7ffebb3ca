namespace Netra.Auth.Tokens;

/// <summary>How an access token was obtained; the <c>grant</c> label of the issue counter.</summary>
public static class Grants
{
    public const string Password = "password";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
}
