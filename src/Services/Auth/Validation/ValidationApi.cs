using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Netra.Auth.Tokens;

namespace Netra.Auth.Validation;

/// <summary>Introspection: <c>POST /v1/auth/validate</c>. Revoked tokens are inactive here, unlike in a JWKS-only check.</summary>
public static class ValidationApi
{
    // Comfortably above Auth:MaxTokenLength so that oversized tokens get the token_too_large answer;
    // anything bigger is refused by Kestrel before it is read.
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapValidationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/auth/validate", ValidateAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    private static async Task<Ok<ValidateResponse>> ValidateAsync(ValidateRequest request, AccessTokenValidator validator) =>
        TypedResults.Ok(ValidateResponse.From(await validator.ValidateAsync(request.Token, request.Audience)));
}
