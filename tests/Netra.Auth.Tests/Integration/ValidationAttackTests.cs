using System.Text.Json;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

/// <summary>
/// Forged and damaged tokens sent to <c>/v1/auth/validate</c> on the running service, and where it applies to
/// an independent validator configured only from the JWKS.
/// </summary>
public class ValidationAttackTests(SharedAuthHost shared) : IClassFixture<SharedAuthHost>
{
    private AuthHost Auth => shared.Host;

    [Fact]
    public async Task A_genuine_token_is_active_with_its_claims()
    {
        var token = (await Auth.LoginAsync("alice")).GetProperty("access_token").GetString()!;

        var validation = await Auth.ValidateAsync(token);

        Assert.True(validation.GetProperty("active").GetBoolean());
        Assert.Equal("alice", validation.GetProperty("sub").GetString());
        Assert.Equal("netra-backend", validation.GetProperty("aud").GetString());
        Assert.Equal("chat", validation.GetProperty("scope").GetString());
        Assert.Equal(Jwt.ClaimsOf(token).GetProperty("jti").GetString(), validation.GetProperty("jti").GetString());
        Assert.Equal(Jwt.ClaimsOf(token).GetProperty("exp").GetInt64(), validation.GetProperty("exp").GetInt64());
        Assert.False(validation.TryGetProperty("reason", out _));
        Assert.True((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(token)).IsValid);
    }

    [Fact]
    public async Task Alg_none_and_unsigned_tokens_are_inactive()
    {
        var kid = (await Auth.PublishedKidsAsync())[0];
        var none = Jwt.Header(kid);
        none["alg"] = "none";

        foreach (var forged in new[] { Jwt.WithoutSignature(none, Jwt.Claims()), Jwt.WithoutSignature(Jwt.Header(kid), Jwt.Claims()) })
        {
            await AssertInactiveAsync(forged, "invalid_signature");
            Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(forged)).IsValid);
        }
    }

    [Fact]
    public async Task Hs256_signed_with_the_public_key_is_inactive()
    {
        var jwks = new JsonWebKeySet(await Auth.Http.GetStringAsync("/.well-known/jwks.json"));
        var key = jwks.Keys[0];
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(key.N), Exponent = Base64UrlEncoder.DecodeBytes(key.E) });
        var header = Jwt.Header(key.Kid);
        header["alg"] = "HS256";

        // The public key as an HMAC secret, in the encodings a confused verifier might use.
        foreach (var secret in new[] { Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()), rsa.ExportSubjectPublicKeyInfo(), rsa.ExportRSAPublicKey(), Base64UrlEncoder.DecodeBytes(key.N) })
        {
            var forged = Jwt.SignHs256(header, Jwt.Claims(), secret);
            await AssertInactiveAsync(forged, "invalid_algorithm", "invalid_signature", "unknown_key");
            Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(forged)).IsValid);
        }
    }

    [Fact]
    public async Task A_tampered_payload_is_inactive()
    {
        var token = (await Auth.LoginAsync("bob")).GetProperty("access_token").GetString()!;
        var parts = token.Split('.');
        var claims = Jwt.ClaimsOf(token).Deserialize<Dictionary<string, object?>>()!;
        claims["sub"] = "alice";
        var tampered = $"{parts[0]}.{Jwt.Encode(claims)}.{parts[2]}";

        await AssertInactiveAsync(tampered, "invalid_signature");
        Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(tampered)).IsValid);
    }

    [Fact]
    public async Task A_stripped_signature_is_inactive()
    {
        var token = (await Auth.LoginAsync("bob")).GetProperty("access_token").GetString()!;
        var stripped = token[..(token.LastIndexOf('.') + 1)];

        await AssertInactiveAsync(stripped, "invalid_signature");
        await AssertInactiveAsync(token[..token.LastIndexOf('.')], "malformed");
        Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(stripped)).IsValid);
    }

    public static TheoryData<string, string> BadClaims => new()
    {
        { "expired", "expired" },
        { "not_yet_valid", "not_yet_valid" },
        { "missing_exp", "missing_expiration" },
        { "wrong_iss", "invalid_issuer" },
        { "wrong_aud", "invalid_audience" },
        { "wrong_typ", "invalid_type" },
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task Tokens_signed_with_our_key_but_bad_claims_are_inactive(string defect, string reason)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = Jwt.Claims();
        var header = Jwt.Header;
        switch (defect)
        {
            case "expired":
                // Beyond the default 30 s clock skew.
                claims["iat"] = claims["nbf"] = now - 600;
                claims["exp"] = now - 60;
                break;
            case "not_yet_valid":
                claims["nbf"] = now + 120;
                claims["exp"] = now + 600;
                break;
            case "missing_exp":
                claims.Remove("exp");
                break;
            case "wrong_iss":
                claims["iss"] = "http://evil-auth";
                break;
            case "wrong_aud":
                claims["aud"] = "someone-else";
                break;
            case "wrong_typ":
                header = kid => new Dictionary<string, object?>(Jwt.Header(kid)) { ["typ"] = "JWT" };
                break;
        }

        var forged = Jwt.SignAsService(Auth.Service, header, claims);

        await AssertInactiveAsync(forged, reason);
        Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(forged)).IsValid);
    }

    [Fact]
    public async Task The_same_forging_path_with_good_claims_is_active()
    {
        // Guards the test above: its tokens fail for their defect, not because of how they were built.
        var forged = Jwt.SignAsService(Auth.Service, Jwt.Claims());

        Assert.True((await Auth.ValidateAsync(forged)).GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("jwk")]
    public async Task Key_location_headers_are_refused_and_never_fetched(string headerName)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var attackerKey = RSA.Create(2048);
            var attackerParameters = attackerKey.ExportParameters(false);
            var header = Jwt.Header("attacker-key");
            header[headerName] = headerName == "jwk"
                ? new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["kid"] = "attacker-key",
                    ["n"] = Base64UrlEncoder.Encode(attackerParameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(attackerParameters.Exponent),
                }
                : $"http://127.0.0.1:{port}/jwks.json";
            var forged = Jwt.SignRs256(header, Jwt.Claims(), attackerKey);

            await AssertInactiveAsync(forged, "forbidden_header");
            Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(forged)).IsValid);
            Assert.False(listener.Pending(), "the service connected to the URL named in the token");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("..%2f..%2fdata%2fauth.db")]
    [InlineData("/dev/null")]
    [InlineData("")]
    public async Task A_kid_that_is_not_one_of_ours_is_inactive(string kid)
    {
        using var attackerKey = RSA.Create(2048);
        var forged = Jwt.SignRs256(Jwt.Header(kid), Jwt.Claims(), attackerKey);

        await AssertInactiveAsync(forged, "unknown_key");
        Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(forged)).IsValid);
    }

    [Fact]
    public async Task A_refresh_token_presented_as_an_access_token_is_inactive()
    {
        var refreshToken = (await Auth.LoginAsync("carol")).GetProperty("refresh_token").GetString()!;

        await AssertInactiveAsync(refreshToken, "malformed");
        Assert.False((await (await JwksOnlyValidator.FetchAsync(Auth.Http)).ValidateAsync(refreshToken)).IsValid);
    }

    [Fact]
    public async Task An_oversized_token_is_refused_by_size_before_parsing()
    {
        var token = (await Auth.LoginAsync("carol")).GetProperty("access_token").GetString()!;
        var parts = token.Split('.');
        var claims = Jwt.ClaimsOf(token).Deserialize<Dictionary<string, object?>>()!;
        claims["padding"] = new string('x', 20_000);
        // Well formed apart from its size, so only the cap can explain the answer.
        var oversized = $"{parts[0]}.{Jwt.Encode(claims)}.{parts[2]}";

        await AssertInactiveAsync(oversized, "token_too_large");

        var huge = new string('a', 1_000_000);
        using var response = await Auth.PostJsonAsync("/v1/auth/validate", new { token = huge });
        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large", new string('a', 64));
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("a.b.c")]
    [InlineData("....")]
    public async Task Garbage_is_inactive_and_malformed(string garbage) => await AssertInactiveAsync(garbage, "malformed");

    [Fact]
    public async Task An_audience_the_service_never_issues_for_is_inactive()
    {
        var token = (await Auth.LoginAsync("alice")).GetProperty("access_token").GetString()!;

        var validation = await Auth.ValidateAsync(token, "netra-unknown");

        Assert.False(validation.GetProperty("active").GetBoolean());
        Assert.Equal("invalid_audience", validation.GetProperty("reason").GetString());
    }

    private async Task AssertInactiveAsync(string token, params string[] reasons)
    {
        using var response = await Auth.PostJsonAsync("/v1/auth/validate", new { token });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        var validation = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.False(validation.GetProperty("active").GetBoolean());
        Assert.Contains(validation.GetProperty("reason").GetString(), reasons);
        Assert.False(validation.TryGetProperty("sub", out _));
    }
}
