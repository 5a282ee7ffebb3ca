using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Netra.Auth.Accounts;
using Netra.Auth.Login;
using Netra.Auth.Observability;
using Netra.Auth.Problems;
using Netra.Auth.Throttling;
using Netra.Auth.Tokens;

namespace Netra.Auth.ClientCredentials;

/// <summary>Service-to-service tokens: <c>POST /v1/auth/token</c> with the client_credentials grant.</summary>
public static class TokenApi
{
    public const string ClientCredentialsGrant = "client_credentials";

    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/auth/token", IssueAsync).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        return app;
    }

    private static async Task<Results<Ok<ClientTokenResponse>, ProblemHttpResult>> IssueAsync(
        ClientCredentialsRequest request,
        HttpContext context,
        AccountDirectory accounts,
        CredentialThrottle throttle,
        AccessTokenIssuer issuer,
        AuthMetrics metrics,
        CancellationToken cancellationToken)
    {
        if (request.GrantType != ClientCredentialsGrant)
        {
            return AuthProblems.UnsupportedGrantType();
        }

        if (string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.ClientSecret) || string.IsNullOrEmpty(request.Audience))
        {
            return AuthProblems.InvalidRequest("client_id, client_secret and audience are required.");
        }

        var (client, refusal) = await throttle.CheckAsync(
            CredentialKind.Client,
            request.ClientId,
            LoginApi.ClientAddress(context),
            () => accounts.AuthenticateClient(request.ClientId, request.ClientSecret),
            authenticated => authenticated is null,
            cancellationToken);
        if (refusal is not null)
        {
            metrics.LoginThrottles.WithLabels(refusal.Limit).Inc();
            LoginApi.SetRetryAfter(context.Response, refusal.RetryAfter);
            return AuthProblems.ClientThrottled();
        }

        if (client is null)
        {
            return AuthProblems.InvalidClient();
        }

        if (!client.ScopeByAudience.TryGetValue(request.Audience, out var scope))
        {
            return AuthProblems.AudienceNotAllowed();
        }

        // The subject of a service token is the client itself; it belongs to no refresh family.
        var token = issuer.Issue(client.ClientId, request.Audience, scope, sessionId: null, Grants.ClientCredentials);
        return TypedResults.Ok(new ClientTokenResponse(token.Token, "Bearer", token.ExpiresInSeconds, scope));
    }
}
