using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Netra.Probes.Running;

namespace Netra.Probes.Clients;

public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);

public sealed record ServiceToken(string AccessToken, int ExpiresIn);

/// <summary>
/// The auth service's HTTP API as the probes use it. Raw calls return the response; the rest expect success.
/// A login answered 429 is tried again after its <c>Retry-After</c>, as long as the waits add up to at most
/// <see cref="MaxRetryAfter"/>.
/// </summary>
public sealed class AuthClient(HttpClient http, Uri baseUrl)
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    public Task<HttpResponseMessage> PostLoginAsync(string username, string password, CancellationToken ct) =>
        http.PostAsJsonAsync(new Uri(baseUrl, "v1/auth/login"), new { username, password }, ProbeJson.Options, ct);

    public async Task<TokenPair> LoginAsync(UserCredential user, CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var response = await PostLoginAsync(user.Username, user.Password, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter(response) is { } wait && waited + wait <= MaxRetryAfter)
            {
                response.Dispose();
                waited += wait;
                await Task.Delay(wait, ct);
                continue;
            }

            return await ReadPairAsync(response, "login", ct);
        }
    }

    public Task<HttpResponseMessage> PostRefreshAsync(string refreshToken, CancellationToken ct) =>
        http.PostAsJsonAsync(new Uri(baseUrl, "v1/auth/refresh"), new { refresh_token = refreshToken }, ProbeJson.Options, ct);

    public async Task<TokenPair> RefreshAsync(string refreshToken, CancellationToken ct) =>
        await ReadPairAsync(await PostRefreshAsync(refreshToken, ct), "refresh", ct);

    public async Task<HttpStatusCode> LogoutAsync(string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "v1/auth/logout"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    public Task<HttpResponseMessage> PostClientTokenAsync(ClientCredential client, string audience, CancellationToken ct) =>
        http.PostAsJsonAsync(
            new Uri(baseUrl, "v1/auth/token"),
            new { grant_type = "client_credentials", client_id = client.ClientId, client_secret = client.ClientSecret, audience },
            ProbeJson.Options,
            ct);

    public async Task<ServiceToken> ClientTokenAsync(ClientCredential client, string audience, CancellationToken ct)
    {
        using var response = await PostClientTokenAsync(client, audience, ct);
        var body = await ExpectOkAsync(response, "client credentials token", ct);
        return new ServiceToken(Expect.NotNull(body.Text("access_token"), "access_token in the token response"), ExpiresIn(body));
    }

    /// <summary>Introspection: <c>active</c>, and the token's claims or the reason it is not active.</summary>
    public async Task<JsonElement> ValidateAsync(string token, string? audience, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(
            new Uri(baseUrl, "v1/auth/validate"),
            new { token, audience },
            ProbeJson.Options,
            ct);
        return await ExpectOkAsync(response, "validate", ct);
    }

    public static bool IsActive(JsonElement validation) =>
        validation.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True;

    private static async Task<TokenPair> ReadPairAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        using (response)
        {
            var body = await ExpectOkAsync(response, what, ct);
            return new TokenPair(
                Expect.NotNull(body.Text("access_token"), $"access_token in the {what} response"),
                Expect.NotNull(body.Text("refresh_token"), $"refresh_token in the {what} response"),
                ExpiresIn(body));
        }
    }

    private static int ExpiresIn(JsonElement body) =>
        body.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : 0;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static async Task<JsonElement> ExpectOkAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Expect.That(response.StatusCode == HttpStatusCode.OK, $"{what} to answer 200", $"{(int)response.StatusCode} {Brief(text)}");
        return ProbeJson.Parse(text);
    }

    internal static string Brief(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
