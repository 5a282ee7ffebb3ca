using System.Net;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>One token is accepted, and one revocation honoured, by every service that sees it.</summary>
public sealed class CrossServiceAuthSync : Scenario
{
    public CrossServiceAuthSync()
        : base(ScenarioNames.CrossServiceAuthSync, "one token accepted and one revocation honoured by every service")
    {
        BindCases(
            Case("user-token-accepted-everywhere", UserTokenAcceptedEverywhere),
            Case("service-token-accepted-by-agent", ServiceTokenAcceptedByAgent, CaseNeeds.ModelRuns),
            Case("audience-enforced", AudienceEnforced),
            Case("logout-revokes-everywhere", LogoutRevokesEverywhere),
            Case("revoked-service-token-refused", RevokedServiceTokenRefused),
            Case("refresh-token-is-not-access", RefreshTokenIsNotAccess),
            Case("refreshed-token-accepted", RefreshedTokenAccepted));
    }

    private static async Task UserTokenAcceptedEverywhere(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.AccessTokenAsync(ctx.Credentials.User, ct);
        var validation = await ctx.Auth.ValidateAsync(token, null, ct);
        Expect.That(AuthClient.IsActive(validation), "the token active at auth", validation.GetRawText());
        Expect.Equal(ctx.Credentials.User.Username, validation.Text("sub"), "validate.sub");

        await using var connection = await BackendConnection.OpenAsync(ctx.Targets.BackendUrl, token, ct);
        var connected = await connection.WaitForAsync("connected", ct);
        Expect.Equal(validation.Text("sub"), connected.Payload.Text("user_id"), "connected.user_id (the same user auth sees)");
    }

    private static async Task ServiceTokenAcceptedByAgent(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.AgentTokenAsync(ct);
        var validation = await ctx.Auth.ValidateAsync(token, ProbeContext.AgentAudience, ct);
        Expect.That(AuthClient.IsActive(validation), "the service token active for netra-agent", validation.GetRawText());
        var events = await ctx.Agent.RunToEndAsync(token, RunStreams.Request(ctx.Credentials.User.Username, "hello"), ct);
        RunStreams.ExpectFinalReport(RunStreams.Last(events), "the last event of a run started with it");
    }

    private static async Task AudienceEnforced(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.AccessTokenAsync(ctx.Credentials.User, ct);
        using var response = await ctx.Agent.StartRunAsync(token, RunStreams.Request(ctx.Credentials.User.Username, "hello"), ct);
        Expect.Equal(HttpStatusCode.Unauthorized, response.StatusCode, "the agent's answer to a user token");
        var validation = await ctx.Auth.ValidateAsync(token, ProbeContext.AgentAudience, ct);
        Expect.That(!AuthClient.IsActive(validation), "the user token inactive for audience netra-agent", validation.GetRawText());
    }

    private static async Task LogoutRevokesEverywhere(ProbeContext ctx, CancellationToken ct)
    {
        var token = (await ctx.Auth.LoginAsync(ctx.Credentials.User, ct)).AccessToken;
        Expect.Equal(HttpStatusCode.NoContent, await ctx.Auth.LogoutAsync(token, ct), "logout's status code");
        var validation = await ctx.Auth.ValidateAsync(token, null, ct);
        Expect.That(!AuthClient.IsActive(validation), "the logged-out token inactive at auth", validation.GetRawText());
        Expect.Equal(
            HttpStatusCode.Unauthorized,
            await BackendConnection.TryUpgradeAsync(ctx.Targets.BackendUrl, token, ct),
            "the backend's answer to the upgrade");
    }

    private static async Task RevokedServiceTokenRefused(ProbeContext ctx, CancellationToken ct)
    {
        var token = await ctx.OwnAgentTokenAsync(ct);
        Expect.Equal(HttpStatusCode.NoContent, await ctx.Auth.LogoutAsync(token, ct), "revoking the service token (logout)");
        using var response = await ctx.Agent.StartRunAsync(token, RunStreams.Request(ctx.Credentials.User.Username, "hello"), ct);
        Expect.Equal(HttpStatusCode.Unauthorized, response.StatusCode, "the agent's answer to a revoked service token");
    }

    private static async Task RefreshTokenIsNotAccess(ProbeContext ctx, CancellationToken ct)
    {
        var pair = await ctx.Auth.LoginAsync(ctx.Credentials.User, ct);
        var validation = await ctx.Auth.ValidateAsync(pair.RefreshToken, null, ct);
        Expect.That(!AuthClient.IsActive(validation), "a refresh token inactive as an access token", validation.GetRawText());
        Expect.Equal(
            HttpStatusCode.Unauthorized,
            await BackendConnection.TryUpgradeAsync(ctx.Targets.BackendUrl, pair.RefreshToken, ct),
            "the backend's answer to a refresh token");
    }

    private static async Task RefreshedTokenAccepted(ProbeContext ctx, CancellationToken ct)
    {
        var pair = await ctx.Auth.LoginAsync(ctx.Credentials.User, ct);
        var refreshed = await ctx.Auth.RefreshAsync(pair.RefreshToken, ct);
        Expect.Equal(
            null,
            await BackendConnection.TryUpgradeAsync(ctx.Targets.BackendUrl, refreshed.AccessToken, ct),
            "the backend to accept the refreshed token (no error status)");
    }
}
