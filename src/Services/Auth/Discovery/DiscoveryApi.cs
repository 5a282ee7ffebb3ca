using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.ClientCredentials;
using Netra.Auth.Configuration;
using Netra.Auth.Keys;

namespace Netra.Auth.Discovery;

/// <summary><c>/.well-known/jwks.json</c> and <c>/.well-known/openid-configuration</c>.</summary>
public static class DiscoveryApi
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(JwksPath, Jwks);
        app.MapGet("/.well-known/openid-configuration", OpenIdConfiguration);
        return app;
    }

    private static Ok<JsonWebKeySetDocument> Jwks(SigningKeyRing keys, HttpResponse response)
    {
        // Short enough that a new key (published a lead time ahead) reaches caches before it signs.
        response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new JsonWebKeySetDocument([.. keys.Published.Select(key => new JsonWebKeyDocument(
            "RSA",
            "sig",
            SigningKey.Algorithm,
            key.Kid,
            Base64UrlEncoder.Encode(key.PublicParameters.Modulus),
            Base64UrlEncoder.Encode(key.PublicParameters.Exponent)))]));
    }

    /// <summary>
    /// Endpoint URLs are under the configured public address (<c>Auth:PublicUrl</c>, else the issuer), never the
    /// request's Host header, which would let a caller (or a poisoned cache) point clients elsewhere.
    /// </summary>
    private static Ok<OpenIdConfigurationDocument> OpenIdConfiguration(IOptions<AuthOptions> options)
    {
        var publicUrl = options.Value.PublicUrl ?? new Uri(options.Value.Issuer);
        var origin = new Uri(publicUrl.AbsoluteUri.TrimEnd('/') + "/");
        return TypedResults.Ok(new OpenIdConfigurationDocument(
            options.Value.Issuer,
            new Uri(origin, JwksPath.TrimStart('/')),
            new Uri(origin, "v1/auth/token"),
            new Uri(origin, "v1/auth/validate"),
            new Uri(origin, "v1/auth/login"),
            new Uri(origin, "v1/auth/refresh"),
            new Uri(origin, "v1/auth/logout"),
            [TokenApi.ClientCredentialsGrant, "password", "refresh_token"],
            ["client_secret_post"],
            [SigningKey.Algorithm],
            ["token"],
            ["public"]));
    }
}
