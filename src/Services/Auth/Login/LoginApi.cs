using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Netra.Auth.Accounts;
using Netra.Auth.Observability;
using Netra.Auth.Problems;
using Netra.Auth.Sessions;
using Netra.Auth.Throttling;
using Netra.Auth.Tokens;

namespace Netra.Auth.Login;

/// <summary>User sessions over HTTP: <c>/v1/auth/login</c>, <c>/refresh</c> and <c>/logout</c>.</summary>
public static class LoginApi
{
    private const int MaxUsernameLength = 256;
    private const int MaxPasswordLength = 1024;

    public static IEndpointRouteBuilder MapLoginApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/auth").WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        group.MapPost("/login", LoginAsync).RequireRateLimiting(LoginAttemptsRateLimiting.Policy);
        group.MapPost("/refresh", RefreshAsync).RequireRateLimiting(LoginAttemptsRateLimiting.RefreshPolicy);
        group.MapPost("/logout", LogoutAsync);
        return app;
    }

    /// <summary>The peer address. Forwarded headers are not trusted: behind a proxy, configure ForwardedHeaders first.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static async Task<Results<Ok<TokenPairResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        HttpContext context,
        AccountDirectory accounts,
        CredentialThrottle throttle,
        SessionService sessions,
        AuthMetrics metrics,
        CancellationToken cancellationToken)
    {
        if (request.Username is not { Length: > 0 and <= MaxUsernameLength } username
            || request.Password is not { Length: > 0 and <= MaxPasswordLength } password)
        {
            return AuthProblems.InvalidRequest("username and password are required.");
        }

        var (verified, refusal) = await throttle.CheckAsync(
            CredentialKind.User,
            username,
            ClientAddress(context),
            () => accounts.VerifyUser(username, password),
            ok => !ok,
            cancellationToken);
        if (refusal is not null)
        {
            metrics.LoginThrottles.WithLabels(refusal.Limit).Inc();
            SetRetryAfter(context.Response, refusal.RetryAfter);
            return AuthProblems.LoginThrottled();
        }

        if (!verified)
        {
            return AuthProblems.InvalidCredentials();
        }

        return TypedResults.Ok(TokenPairResponse.From(await sessions.StartAsync(username, cancellationToken)));
    }

    private static async Task<Results<Ok<TokenPairResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        SessionService sessions,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return AuthProblems.InvalidRequest("refresh_token is required.");
        }

        var result = await sessions.RefreshAsync(request.RefreshToken, cancellationToken);
        return result switch
        {
            { Pair: { } pair } => TypedResults.Ok(TokenPairResponse.From(pair)),
            { Verdict: RefreshVerdict.RevokeFamilyForReuse } => AuthProblems.RefreshTokenReused(),
            _ => AuthProblems.InvalidRefreshToken(),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(
        HttpContext context,
        AccessTokenValidator validator,
        SessionService sessions,
        CancellationToken cancellationToken)
    {
        var check = await validator.ValidateAsync(BearerToken.From(context.Request), audience: null);
        if (!check.Active)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return AuthProblems.InvalidToken();
        }

        await sessions.LogoutAsync(check, cancellationToken);
        return TypedResults.NoContent();
    }
}
