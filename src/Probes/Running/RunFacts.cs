using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Netra.Probes.Clients;

namespace Netra.Probes.Running;

/// <summary>What the agent says it does (<c>GET /v1/capabilities</c>); null where an older agent does not say.</summary>
public sealed record AgentCapabilities(string? Model, bool? FaultInjection)
{
    public const string ScriptedModel = "scripted";
}

/// <summary>How often the backend checks a connection's token again and how long it waits for a refresh, from <c>connected</c>.</summary>
public sealed record BackendTiming(TimeSpan? RecheckInterval, TimeSpan? RefreshGrace);

/// <summary>
/// What a run learns about the services, each fact once and only when a case needs it: the agent's
/// capabilities, the backend's re-check timing, how long the expiry user's tokens live, and whether this
/// run opened the agent's circuit breaker.
/// </summary>
public sealed class RunFacts
{
    private readonly Lazy<Task<AgentCapabilities>> _agent;
    private readonly Lazy<Task<BackendTiming>> _backend;
    private readonly Lazy<Task<int>> _expiryUserLifetime;
    private int _breakerOpened;

    public RunFacts(ProbeContext ctx)
    {
        _agent = new(() => FetchAgentCapabilitiesAsync(ctx));
        _backend = new(() => FetchBackendTimingAsync(ctx));
        _expiryUserLifetime = new(async () =>
            (await ctx.Auth.LoginAsync(Expect.NotNull(ctx.Credentials.ExpiryUser, "an expiry user"), CancellationToken.None)).ExpiresIn);
    }

    /// <summary>Set by <c>breaker-opens</c> once it saw the breaker open; the cases that read the open breaker need it.</summary>
    public bool BreakerOpened
    {
        get => Volatile.Read(ref _breakerOpened) == 1;
        set => Volatile.Write(ref _breakerOpened, value ? 1 : 0);
    }

    public Task<AgentCapabilities> AgentAsync(CancellationToken ct) => _agent.Value.WaitAsync(ct);

    public Task<BackendTiming> BackendAsync(CancellationToken ct) => _backend.Value.WaitAsync(ct);

    /// <summary>The lifetime, in seconds, of the tokens the expiry user gets at login.</summary>
    public Task<int> ExpiryUserLifetimeAsync(CancellationToken ct) => _expiryUserLifetime.Value.WaitAsync(ct);

    private static async Task<AgentCapabilities> FetchAgentCapabilitiesAsync(ProbeContext ctx)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ctx.Targets.AgentUrl, "v1/capabilities"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ctx.AgentTokenAsync(CancellationToken.None));
        using var response = await ctx.Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new AgentCapabilities(null, null);
        }

        var text = await response.Content.ReadAsStringAsync();
        Expect.That(
            response.StatusCode == HttpStatusCode.OK,
            "the agent's capabilities (200)",
            $"{(int)response.StatusCode} {AuthClient.Brief(text)}");
        var document = ProbeJson.Parse(text);
        return new AgentCapabilities(
            document.Text("model"),
            document.TryGetProperty("fault_injection", out var faults) && faults.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? faults.GetBoolean()
                : null);
    }

    private static async Task<BackendTiming> FetchBackendTimingAsync(ProbeContext ctx)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, CancellationToken.None);
        var connected = session.Connected.Payload;
        return new BackendTiming(Milliseconds(connected, "auth_recheck_interval_ms"), Milliseconds(connected, "auth_refresh_grace_ms"));
    }

    private static TimeSpan? Milliseconds(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.TryGetInt64(out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;
}
