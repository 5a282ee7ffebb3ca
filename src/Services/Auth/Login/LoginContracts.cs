using Netra.Auth.Sessions;

namespace Netra.Auth.Login;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenPairResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn)
{
    public static TokenPairResponse From(TokenPair pair) => new(
        pair.Access.Token,
        pair.RefreshToken,
        "Bearer",
        pair.Access.ExpiresInSeconds);
}
