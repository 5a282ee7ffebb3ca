using System.Net;
using System.Text;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>Authentication on the WebSocket upgrade, refresh on an open connection, and tokens other services issued.</summary>
public sealed class AuthWebSocketHandshake : Scenario
{
    public AuthWebSocketHandshake()
        : base(ScenarioNames.AuthWebSocketHandshake, "JWT validation on upgrade, refresh, cross-service validation")
    {
        BindCases(
            Case("header-token-accepted", HeaderTokenAccepted),
            Case("subprotocol-token-accepted", SubprotocolTokenAccepted),
            Case("missing-token-401", (ctx, ct) => Refused(ctx, null, ct)),
            Case("garbage-token-401", (ctx, ct) => Refused(ctx, "not-a-jwt", ct)),
            Case("tampered-token-401", TamperedToken),
            Case("unsigned-token-401", UnsignedToken),
            Case("wrong-audience-401", WrongAudience),
            Case("revoked-token-401", RevokedToken),
            Case("refresh-on-open-connection", RefreshOnOpenConnection),
            Case("refresh-with-other-users-token-refused", RefreshWithOtherUsersToken));
    }

    private static async Task HeaderTokenAccepted(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var payload = session.Connected.Payload;
        Expect.That(payload.Text("session_id") is { Length: > 0 }, "connected.session_id", session.Connected.Raw);
        Expect.Equal(ctx.Credentials.User.Username, payload.Text("user_id"), "connected.user_id");
        Expect.That(
            payload.TryGetProperty("resumed", out var resumed) && !resumed.GetBoolean(),
            "connected.resumed false",
            session.Connected.Raw);
    }

    private static async Task SubprotocolTokenAccepted(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct, TokenPlacement.Subprotocol);
        Expect.Equal("netra.v1", session.Connection.SubProtocol, "the selected subprotocol");
        Expect.Equal(ctx.Credentials.User.Username, session.Connected.Payload.Text("user_id"), "connected.user_id");
    }

    private static async Task Refused(ProbeContext ctx, string? token, CancellationToken ct) =>
        Expect.Equal(
            HttpStatusCode.Unauthorized,
            await BackendConnection.TryUpgradeAsync(ctx.Targets.BackendUrl, token, ct),
            "the upgrade's answer");

    private static async Task TamperedToken(ProbeContext ctx, CancellationToken ct)
    {
        var parts = (await ctx.AccessTokenAsync(ctx.Credentials.User, ct)).Split('.');
        var claims = Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(parts[1]))
            .Replace($"\"{ctx.Credentials.User.Username}\"", $"\"{ctx.Credentials.OtherUser.Username}\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(claims))}.{parts[2]}";
        await Refused(ctx, forged, ct);
    }

    private static async Task UnsignedToken(ProbeContext ctx, CancellationToken ct)
    {
        var parts = (await ctx.AccessTokenAsync(ctx.Credentials.User, ct)).Split('.');
        var header = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"at+jwt\"}"));
        await Refused(ctx, $"{header}.{parts[1]}.", ct);
    }

    private static async Task WrongAudience(ProbeContext ctx, CancellationToken ct) => await Refused(
        ctx,
        await ctx.AgentTokenAsync(ct),
        ct);

    private static async Task RevokedToken(ProbeContext ctx, CancellationToken ct)
    {
        var token = (await ctx.Auth.LoginAsync(ctx.Credentials.User, ct)).AccessToken;
        Expect.Equal(HttpStatusCode.NoContent, await ctx.Auth.LogoutAsync(token, ct), "logout's status code");
        await Refused(ctx, token, ct);
    }

    private static async Task RefreshOnOpenConnection(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct, ownTokens: true);
        var fresh = await ctx.Auth.RefreshAsync(session.Tokens.RefreshToken, ct);
        session.Connection.Send("auth_refresh", new { access_token = fresh.AccessToken }, Chat.NewId());
        var refreshed = await session.Connection.WaitForAsync("auth_refreshed", ct);
        RunStreams.ExpectRfc3339Utc(refreshed.Payload.Text("expires_at"), "auth_refreshed.expires_at");
        await Chat.ExpectOpenAsync(session.Connection, ct);
    }

    private static async Task RefreshWithOtherUsersToken(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var other = await ctx.AccessTokenAsync(ctx.Credentials.OtherUser, ct);
        session.Connection.Send("auth_refresh", new { access_token = other }, Chat.NewId());
        var reply = await session.Connection.ReceiveAsync(ct);
        Expect.Equal("error", reply.Type, "the reply to auth_refresh with another user's token");
    }
}
