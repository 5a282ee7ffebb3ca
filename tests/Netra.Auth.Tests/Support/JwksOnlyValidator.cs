using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Auth.Tests.Support;

/// <summary>An independent relying party: it knows only the issuer, its audience and the JWKS it fetched.</summary>
public sealed class JwksOnlyValidator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;

    private JwksOnlyValidator(TokenValidationParameters parameters) => _parameters = parameters;

    public static async Task<JwksOnlyValidator> FetchAsync(HttpClient http, string audience = "netra-backend")
    {
        var jwks = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks.json"));
        return new JwksOnlyValidator(new TokenValidationParameters
        {
            ValidIssuer = "http://netra-auth",
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidTypes = ["at+jwt"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        });
    }

    public async Task<TokenValidationResult> ValidateAsync(string token) => await _handler.ValidateTokenAsync(token, _parameters);
}
