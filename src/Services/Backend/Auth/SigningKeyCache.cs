using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Netra.Backend.Auth;

/// <summary>
/// The auth service's issuer and public signing keys (its JWKS), fetched once and again whenever a token names a
/// key id the cache does not know (key rotation), at most once per <see cref="MinimumRefetchInterval"/>.
/// </summary>
public sealed class SigningKeyCache(IHttpClientFactory httpClients, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MinimumRefetchInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refetch = new(1, 1);
    private volatile SigningKeys? _current;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public void Dispose() => _refetch.Dispose();

    public async Task<SigningKeys> GetAsync(string? keyId, CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && (keyId is null || current.Contains(keyId)))
        {
            return current;
        }

        await _refetch.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && (keyId is null || current.Contains(keyId)))
            {
                return current;
            }

            if (current is not null && time.GetUtcNow() - _fetchedAt < MinimumRefetchInterval)
            {
                return current;
            }

            current = await FetchAsync(cancellationToken);
            _current = current;
            _fetchedAt = time.GetUtcNow();
            return current;
        }
        finally
        {
            _refetch.Release();
        }
    }

    private async Task<SigningKeys> FetchAsync(CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientNames.Auth);
        using var discovery = await client.GetFromJsonAsync<JsonDocument>(".well-known/openid-configuration", cancellationToken)
            ?? throw new HttpRequestException("empty openid-configuration");
        var issuer = discovery.RootElement.GetProperty("issuer").GetString()
            ?? throw new HttpRequestException("openid-configuration has no issuer");
        var jwks = await client.GetStringAsync(".well-known/jwks.json", cancellationToken);
        var keys = new JsonWebKeySet(jwks).GetSigningKeys();
        return new SigningKeys(issuer, keys);
    }
}

/// <summary>One fetched JWKS with the issuer it belongs to.</summary>
public sealed class SigningKeys(string issuer, IList<SecurityKey> keys)
{
    public string Issuer { get; } = issuer;

    public IList<SecurityKey> Keys { get; } = keys;

    public bool Contains(string keyId) => Keys.Any(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));
}
