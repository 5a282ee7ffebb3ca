using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Agent.Auth;

/// <summary>
/// The agent's only contact with the auth service: its JWKS and its introspection endpoint, over HTTP.
/// A singleton: each call takes a client from the factory, so handlers are recycled as they should be.
/// </summary>
public sealed class AuthServiceClient(IHttpClientFactory clients)
{
    public const string HttpClientName = "auth-service";

    public async Task<JsonWebKeySet> GetSigningKeysAsync(CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        try
        {
            var json = await http.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative), cancellationToken);
            return new JsonWebKeySet(json);
        }
        catch (HttpRequestException e)
        {
            throw new AuthServiceUnavailableException("The auth service's JWKS could not be fetched.", e);
        }
    }

    /// <summary>Whether the auth service still considers the token active (not revoked, not expired).</summary>
    public async Task<bool> IsActiveAsync(string token, string audience, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        try
        {
            using var response = await http.PostAsJsonAsync(
                new Uri("/v1/auth/validate", UriKind.Relative), new ValidateRequest(token, audience), cancellationToken);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<ValidateResponse>(cancellationToken);
            return answer?.Active == true;
        }
        catch (HttpRequestException e)
        {
            throw new AuthServiceUnavailableException("The auth service's introspection endpoint could not be reached.", e);
        }
    }

    private sealed record ValidateRequest(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("audience")] string Audience);

    private sealed record ValidateResponse([property: JsonPropertyName("active")] bool Active);
}
