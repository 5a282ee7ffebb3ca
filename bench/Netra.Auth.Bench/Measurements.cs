using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Netra.Auth.Keys;
using Netra.Auth.Tokens;

namespace Netra.Auth.Bench;

/// <summary>Each measurement is bounded by a duration or a request count, and runs against loopback only.</summary>
public static class Measurements
{
    private static TimeSpan Duration => Timing.Duration;

    private static TimeSpan Warmup => Timing.Warmup;

    private const int TokenPool = 256;

    /// <summary>Access tokens signed per second on one thread (RS256, in process).</summary>
    public static Task<BenchResult> IssueAsync(AuthBenchHost host)
    {
        var issuer = host.Services.GetRequiredService<AccessTokenIssuer>();
        for (var warmup = Stopwatch.StartNew(); warmup.Elapsed < Warmup;)
        {
            issuer.Issue("alice", "netra-backend", "chat", null, Grants.Password);
        }

        var count = 0L;
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Duration)
        {
            issuer.Issue("alice", "netra-backend", "chat", null, Grants.Password);
            count++;
        }

        return Task.FromResult(new BenchResult("token issue, in process, 1 thread", count, clock.Elapsed, cpu.Elapsed));
    }

    /// <summary>What a relying party does: validate with keys from the JWKS only, on one thread.</summary>
    public static async Task<BenchResult> LocalJwksValidationAsync(AuthBenchHost host)
    {
        var jwks = new JsonWebKeySet(await host.Http.GetStringAsync("/.well-known/jwks.json"));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "http://netra-auth",
            ValidAudience = "netra-backend",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidTypes = ["at+jwt"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        };
        var handler = new JsonWebTokenHandler();
        var tokens = IssueTokens(host);
        for (var (warmup, i) = (Stopwatch.StartNew(), 0); warmup.Elapsed < Warmup; i++)
        {
            await ValidateOrThrowAsync(handler, tokens[i % tokens.Length], parameters);
        }

        var count = 0L;
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Duration)
        {
            await ValidateOrThrowAsync(handler, tokens[count % tokens.Length], parameters);
            count++;
        }

        return new BenchResult("local JWKS validation (JsonWebTokenHandler), 1 thread", count, clock.Elapsed, cpu.Elapsed);
    }

    /// <summary>The floor under local validation: the RSA signature check alone, on one thread.</summary>
    public static Task<BenchResult> SignatureOnlyAsync(AuthBenchHost host)
    {
        var token = IssueTokens(host)[0];
        var key = host.Services.GetRequiredService<SigningKeyRing>().CurrentSigningKey();
        using var rsa = RSA.Create(key.PublicParameters);
        var dot = token.LastIndexOf('.');
        var input = Encoding.ASCII.GetBytes(token[..dot]);
        var signature = Base64UrlEncoder.DecodeBytes(token[(dot + 1)..]);
        for (var warmup = Stopwatch.StartNew(); warmup.Elapsed < Warmup;)
        {
            rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var count = 0L;
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Duration)
        {
            if (!rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new InvalidOperationException("A genuine signature failed to verify.");
            }

            count++;
        }

        return Task.FromResult(new BenchResult("RS256 signature check alone (floor), 1 thread", count, clock.Elapsed, cpu.Elapsed));
    }

    public static async Task<BenchResult> ValidateEndpointAsync(AuthBenchHost host, int concurrency, int requests)
    {
        var tokens = IssueTokens(host);
        return await LoadAsync(
            $"POST /v1/auth/validate, {concurrency} concurrent clients",
            host,
            concurrency,
            requests,
            async (http, i) =>
            {
                using var response = await http.PostAsJsonAsync("/v1/auth/validate", new { token = tokens[i % tokens.Length] });
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return response.StatusCode == HttpStatusCode.OK && body.GetProperty("active").GetBoolean();
            });
    }

    /// <summary>Dominated by PBKDF2 verification of the client secret, by design.</summary>
    public static Task<BenchResult> ClientCredentialsEndpointAsync(AuthBenchHost host, int concurrency, int requests) =>
        LoadAsync(
            $"POST /v1/auth/token, {concurrency} concurrent clients",
            host,
            concurrency,
            requests,
            async (http, _) =>
            {
                using var response = await http.PostAsJsonAsync("/v1/auth/token", new
                {
                    grant_type = "client_credentials",
                    client_id = "netra-backend",
                    client_secret = "netra-backend-dev-secret",
                    audience = "netra-agent",
                });
                return response.StatusCode == HttpStatusCode.OK;
            });

    private static async Task<BenchResult> LoadAsync(string name, AuthBenchHost host, int concurrency, int requests, Func<HttpClient, int, Task<bool>> send)
    {
        for (var (warmup, i) = (Stopwatch.StartNew(), 0); warmup.Elapsed < Warmup; i++)
        {
            await send(host.Http, i);
        }

        var latencies = new TimeSpan[requests];
        var next = -1;
        var errors = 0;
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await send(host.Http, i))
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started);
            }
        })));
        clock.Stop();
        Array.Sort(latencies);
        return new BenchResult(name, requests, clock.Elapsed, cpu.Elapsed, latencies[requests / 2], latencies[(int)(requests * 0.99)], errors);
    }

    public static string[] IssueTokens(AuthBenchHost host)
    {
        var issuer = host.Services.GetRequiredService<AccessTokenIssuer>();
        return [.. Enumerable.Range(0, TokenPool).Select(i => issuer.Issue($"user-{i}", "netra-backend", "chat", null, Grants.Password).Token)];
    }

    private static async Task ValidateOrThrowAsync(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("A genuine token failed local validation.", result.Exception);
        }
    }
}
