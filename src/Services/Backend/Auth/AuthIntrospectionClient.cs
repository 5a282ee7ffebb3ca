using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;

namespace Netra.Backend.Auth;

/// <summary>Asks <c>POST /v1/auth/validate</c> whether a token is still active (revocation).</summary>
public sealed class AuthIntrospectionClient(IHttpClientFactory httpClients, ILogger<AuthIntrospectionClient> logger)
{
    public async Task<IntrospectionResult> IntrospectAsync(string token, string audience, CancellationToken cancellationToken)
    {
        try
        {
            var client = httpClients.CreateClient(HttpClientNames.Auth);
            using var response = await client.PostAsJsonAsync("v1/auth/validate", new { token, audience }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Token introspection answered {StatusCode}", (int)response.StatusCode);
                return IntrospectionResult.Unreachable;
            }

            using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken);
            return body is not null && body.RootElement.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True
                ? IntrospectionResult.Active
                : IntrospectionResult.Inactive;
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or ExecutionRejectedException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Token introspection failed: {Error}", error.GetType().Name);
            return IntrospectionResult.Unreachable;
        }
    }
}
