using System.Net;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>
/// The auth service stands alone: it serves its whole API whatever the state of the backend and the
/// agent, and others need nothing but its HTTP API (its JWKS) to trust its tokens.
/// </summary>
public sealed class AuthServiceIndependence : Scenario
{
    public AuthServiceIndependence()
        : base(ScenarioNames.AuthServiceIndependence, "auth serves with the others down; API-only contact")
    {
        BindCases(
            Case("ready-on-its-own", ReadyOnItsOwn),
            Case("serves-whole-api", ServesWholeApi),
            Case("tokens-verifiable-from-jwks", TokensVerifiableFromJwks));
    }

    private static async Task ReadyOnItsOwn(ProbeContext ctx, CancellationToken ct)
    {
        foreach (var path in new[] { "healthz", "readyz" })
        {
            using var response = await ctx.Http.GetAsync(new Uri(ctx.Targets.AuthUrl, path), ct);
            Expect.Equal(HttpStatusCode.OK, response.StatusCode, $"auth /{path}");
        }
    }

    private static async Task ServesWholeApi(ProbeContext ctx, CancellationToken ct)
    {
        var pair = await ctx.Auth.LoginAsync(ctx.Credentials.User, ct);
        var rotated = await ctx.Auth.RefreshAsync(pair.RefreshToken, ct);
        Expect.That(rotated.RefreshToken != pair.RefreshToken, "a new refresh token (rotation)", "the same one");
        Expect.That(
            AuthClient.IsActive(await ctx.Auth.ValidateAsync(rotated.AccessToken, null, ct)),
            "the refreshed access token to be active",
            "inactive");
        var service = await ctx.AgentTokenAsync(ct);
        Expect.That(
            AuthClient.IsActive(await ctx.Auth.ValidateAsync(service, ProbeContext.AgentAudience, ct)),
            "the service token to be active for netra-agent",
            "inactive");
    }

    private static async Task TokensVerifiableFromJwks(ProbeContext ctx, CancellationToken ct)
    {
        var discovery = ProbeJson.Parse(await ctx.Http.GetStringAsync(
            new Uri(ctx.Targets.AuthUrl, ".well-known/openid-configuration"),
            ct));
        var issuer = Expect.NotNull(discovery.Text("issuer"), "issuer in the discovery document");
        var jwksUri = Expect.NotNull(discovery.Text("jwks_uri"), "jwks_uri in the discovery document");
        // The published jwks_uri names the issuer's public host; fetch the same path from the address we reach auth at.
        var jwks = ProbeJson.Parse(await ctx.Http.GetStringAsync(
            new Uri(ctx.Targets.AuthUrl, new Uri(jwksUri).AbsolutePath.TrimStart('/')),
            ct));

        var token = await ctx.AccessTokenAsync(ctx.Credentials.User, ct);
        var verified = JwksVerifier.Verify(token, jwks, out var reason);
        Expect.That(verified is not null, "the access token to verify with the JWKS alone", reason);
        Expect.Equal(issuer, verified!.Claims.Text("iss"), "the token's iss");
        Expect.Equal("at+jwt", verified.Header.Text("typ"), "the token's typ header");
        foreach (var claim in new[] { "sub", "aud", "exp", "nbf", "iat", "jti", "scope" })
        {
            Expect.That(verified.Claims.Has(claim), $"the claim {claim}", verified.Claims.GetRawText());
        }
    }
}
