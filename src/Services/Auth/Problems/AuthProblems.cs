using Microsoft.AspNetCore.Http.HttpResults;
using Netra.ServiceDefaults;

namespace Netra.Auth.Problems;

/// <summary>
/// The service's problem details. Each has a stable <c>code</c> (also the last segment of <c>type</c>);
/// none carries a token, password or secret.
/// </summary>
public static class AuthProblems
{
    public static ProblemHttpResult InvalidRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid_request", "Invalid request", detail);

    public static ProblemHttpResult InvalidCredentials() =>
        Create(StatusCodes.Status401Unauthorized, "invalid_credentials", "Invalid credentials", "The username or password is not valid.");

    public static ProblemHttpResult LoginThrottled() =>
        Create(
            StatusCodes.Status429TooManyRequests,
            "login_throttled",
            "Too many login attempts",
            "Too many login attempts; retry after the time given in Retry-After.");

    public static ProblemHttpResult RefreshThrottled() =>
        Create(
            StatusCodes.Status429TooManyRequests,
            "refresh_throttled",
            "Too many token refreshes",
            "Too many token refreshes from this address; retry after the time given in Retry-After.");

    public static ProblemHttpResult InvalidRefreshToken() =>
        Create(
            StatusCodes.Status401Unauthorized,
            "invalid_refresh_token",
            "Invalid refresh token",
            "The refresh token is unknown, expired or revoked.");

    public static ProblemHttpResult RefreshTokenReused() =>
        Create(
            StatusCodes.Status401Unauthorized,
            "refresh_token_reused",
            "Refresh token reused",
            "The refresh token was already used; its whole family has been revoked.");

    public static ProblemHttpResult InvalidToken() =>
        Create(
            StatusCodes.Status401Unauthorized,
            "invalid_token",
            "Invalid token",
            "The bearer token is missing, invalid, expired or revoked.");

    public static ProblemHttpResult UnsupportedGrantType() =>
        Create(
            StatusCodes.Status400BadRequest,
            "unsupported_grant_type",
            "Unsupported grant type",
            "Only grant_type client_credentials is supported here.");

    public static ProblemHttpResult InvalidClient() =>
        Create(StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client", "The client id or secret is not valid.");

    public static ProblemHttpResult ClientThrottled() =>
        Create(
            StatusCodes.Status429TooManyRequests,
            "client_throttled",
            "Too many failed client authentications",
            "Too many failed client authentications; retry after the time given in Retry-After.");

    public static ProblemHttpResult AudienceNotAllowed() =>
        Create(
            StatusCodes.Status403Forbidden,
            "audience_not_allowed",
            "Audience not allowed",
            "This client may not request tokens for that audience.");

    private static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        ServiceProblems.Create("auth", status, code, title, detail);
}
