using Netra.Probes.Clients;

namespace Netra.Probes.Running;

/// <summary>What every case gets: where the services are, who to act as, and clients for the three APIs.</summary>
public sealed class ProbeContext(ProbeTargets targets, ProbeCredentials credentials, HttpClient http)
{
    /// <summary>The audience of the agent service's tokens.</summary>
    public const string AgentAudience = "netra-agent";

    public ProbeTargets Targets { get; } = targets;

    public ProbeCredentials Credentials { get; } = credentials;

    public HttpClient Http { get; } = http;

    public AuthClient Auth { get; } = new(http, targets.AuthUrl);

    public AgentClient Agent { get; } = new(http, targets.AgentUrl);

    public async Task<string> AccessTokenAsync(UserCredential user, CancellationToken ct) => (await Auth.LoginAsync(user, ct)).AccessToken;

    /// <summary>A service token for the agent service, as the backend gets one.</summary>
    public Task<string> AgentTokenAsync(CancellationToken ct) => Auth.ClientTokenAsync(Credentials.Client, AgentAudience, ct);

    /// <summary>
    /// Logs <paramref name="user"/> in, connects to the backend and reads its <c>connected</c> frame. Like
    /// a well-behaved client the session answers <c>auth_expired</c> with <c>auth_refresh</c> by itself,
    /// unless the case is about expiry (<paramref name="refreshWhenExpired"/> false).
    /// </summary>
    public async Task<UserSession> ConnectAsync(UserCredential user, CancellationToken ct, TokenPlacement placement = TokenPlacement.Header, bool refreshWhenExpired = true)
    {
        var tokens = await Auth.LoginAsync(user, ct);
        var connection = await BackendConnection.OpenAsync(Targets.BackendUrl, tokens.AccessToken, ct, placement);
        try
        {
            var connected = await connection.WaitForAsync("connected", ct);
            return new UserSession(Auth, user, tokens, connection, connected, refreshWhenExpired);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
