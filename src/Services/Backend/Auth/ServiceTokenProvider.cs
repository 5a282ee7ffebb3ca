using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Netra.Backend.Auth;

/// <summary>
/// The backend's client-credentials token for the agent service, cached until shortly before it expires
/// (the last fifth of its lifetime, at most 60 s early).
/// </summary>
public sealed class ServiceTokenProvider(IHttpClientFactory httpClients, IOptions<BackendOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _cached;

    public void Dispose() => _gate.Dispose();

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && time.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }

            var token = await RequestAsync(cancellationToken);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token, e.g. after the agent refused it.</summary>
    public void Invalidate() => _cached = null;

    private async Task<string> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = httpClients.CreateClient(HttpClientNames.Auth);
        var request = new
        {
            grant_type = "client_credentials",
            client_id = settings.ClientId,
            client_secret = settings.ClientSecret,
            audience = settings.AgentAudience,
        };
        var requestedAt = time.GetUtcNow();
        using var response = await client.PostAsJsonAsync("v1/auth/token", request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"client credentials refused with status {(int)response.StatusCode}", null, response.StatusCode);
        }

        var issued = await response.Content.ReadFromJsonAsync<IssuedToken>(cancellationToken);
        if (issued is null || string.IsNullOrEmpty(issued.AccessToken))
        {
            throw new HttpRequestException("client credentials answer without a token");
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(1, issued.ExpiresIn));
        var early = TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 5, TimeSpan.TicksPerMinute));
        _cached = new CachedToken(issued.AccessToken, requestedAt + lifetime - early);
        return issued.AccessToken;
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    private sealed record IssuedToken(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
