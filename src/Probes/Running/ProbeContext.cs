using Netra.Probes.Clients;
using Netra.Probes.Contract;

namespace Netra.Probes.Running;

/// <summary>
/// What every case of one run gets: where the services are, who to act as, the run's profile, clients for
/// the three APIs, the tokens the cases share and what the run learned about the services.
/// </summary>
public sealed class ProbeContext
{
    /// <summary>The audience of the agent service's tokens.</summary>
    public const string AgentAudience = "netra-agent";

    public ProbeContext(ProbeTargets targets, ProbeCredentials credentials, HttpClient http, string profile = ProbeProfiles.Full)
    {
        Targets = targets;
        Credentials = credentials;
        Http = http;
        Profile = profile;
        Auth = new AuthClient(http, targets.AuthUrl);
        Agent = new AgentClient(http, targets.AgentUrl);
        Tokens = new TokenBook(Auth, TimeProvider.System);
        Facts = new RunFacts(this);
    }

    public ProbeTargets Targets { get; }

    public ProbeCredentials Credentials { get; }

    public HttpClient Http { get; }

    /// <summary><see cref="ProbeProfiles.Safe"/> or <see cref="ProbeProfiles.Full"/>.</summary>
    public string Profile { get; }

    public AuthClient Auth { get; }

    public AgentClient Agent { get; }

    public TokenBook Tokens { get; }

    public RunFacts Facts { get; }

    /// <summary>The user's shared access token (one login per run); a case that revokes a token logs in itself.</summary>
    public async Task<string> AccessTokenAsync(UserCredential user, CancellationToken ct) =>
        (await Tokens.UserTokensAsync(user, ct)).AccessToken;

    /// <summary>A shared service token for the agent service, as the backend gets one.</summary>
    public async Task<string> AgentTokenAsync(CancellationToken ct) =>
        (await Tokens.ServiceTokenAsync(Credentials.Client, AgentAudience, ct)).AccessToken;

    /// <summary>A service token of the case's own, for a case that revokes it.</summary>
    public async Task<string> OwnAgentTokenAsync(CancellationToken ct) =>
        (await Auth.ClientTokenAsync(Credentials.Client, AgentAudience, ct)).AccessToken;

    /// <summary>
    /// Connects <paramref name="user"/> to the backend and reads its <c>connected</c> frame. The session runs on
    /// the user's shared tokens and, like a well-behaved client, answers <c>auth_expired</c> with
    /// <c>auth_refresh</c> by itself; a case about expiry, refresh or revocation asks for
    /// <paramref name="ownTokens"/> instead: a login of its own, and nothing answered for it.
    /// </summary>
    public async Task<UserSession> ConnectAsync(
        UserCredential user, CancellationToken ct, TokenPlacement placement = TokenPlacement.Header, bool ownTokens = false)
    {
        var tokens = ownTokens ? await Auth.LoginAsync(user, ct) : await Tokens.UserTokensAsync(user, ct);
        var connection = await BackendConnection.OpenAsync(Targets.BackendUrl, tokens.AccessToken, ct, placement);
        try
        {
            var connected = await connection.WaitForAsync("connected", ct);
            return new UserSession(ownTokens ? null : Tokens, user, tokens, connection, connected);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
