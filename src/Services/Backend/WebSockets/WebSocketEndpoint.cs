using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Netra.Backend.Auth;
using Netra.Backend.Protocol;
using Netra.ServiceDefaults;

namespace Netra.Backend.WebSockets;

/// <summary>
/// <c>GET /ws</c>: everything that can refuse a client (Origin, token, connection cap) answers with HTTP problem
/// details before the upgrade; an accepted client gets <c>connected</c> as its first frame.
/// </summary>
public static class WebSocketEndpoint
{
    public static async Task HandleAsync(HttpContext context, BackendServices services)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problem(
                context,
                StatusCodes.Status426UpgradeRequired,
                "websocket_required",
                "This endpoint only accepts WebSocket upgrades.");
            return;
        }

        if (!services.Origins.IsAllowed(context.Request.Headers.Origin))
        {
            await Problem(context, StatusCodes.Status403Forbidden, "origin_not_allowed", "The request's Origin is not allowed.");
            return;
        }

        var (auth, wantsSubprotocol) = await AuthenticateAsync(context, services);
        if (auth is null)
        {
            return;
        }

        if (!services.Connections.TryReserve(auth.UserId))
        {
            await Problem(context, StatusCodes.Status429TooManyRequests, "too_many_connections", "The user has too many open connections.");
            return;
        }

        try
        {
            await ServeAsync(context, services, auth, wantsSubprotocol);
        }
        finally
        {
            services.Connections.Release(auth.UserId);
        }
    }

    /// <summary>
    /// The upgrade's token, checked; no connection when the client was refused (the problem is written). The token's
    /// string ends with this method: the connection keeps it only in its <see cref="ConnectionAuth"/>.
    /// </summary>
    private static async Task<(ConnectionAuth? Auth, bool WantsSubprotocol)> AuthenticateAsync(
        HttpContext context, BackendServices services)
    {
        var (token, wantsSubprotocol) = UpgradeCredentials.Read(context.Request, context.WebSockets.WebSocketRequestedProtocols);
        if (token is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problem(context, StatusCodes.Status401Unauthorized, "missing_token", "A bearer token is required.");
            return (null, wantsSubprotocol);
        }

        var check = await services.Tokens.ValidateAsync(token, context.RequestAborted);
        if (check.Status == TokenStatus.AuthUnavailable)
        {
            await Problem(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "auth_unavailable",
                "The token could not be checked; try again.");
            return (null, wantsSubprotocol);
        }

        if (check.Status != TokenStatus.Valid || check.Identity is null)
        {
            services.Logger.LogInformation("Upgrade refused: {Reason}", check.Reason);
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Problem(context, StatusCodes.Status401Unauthorized, "invalid_token", "The bearer token is not valid.");
            return (null, wantsSubprotocol);
        }

        return (new ConnectionAuth(token, check.Identity, services.Tokens, services.Options, services.Time), wantsSubprotocol);
    }

    private static async Task ServeAsync(HttpContext context, BackendServices services, ConnectionAuth auth, bool wantsSubprotocol)
    {
        var options = services.Options;
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = wantsSubprotocol ? UpgradeCredentials.Subprotocol : null,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.IdleTimeout,
        });
        UpgradeCredentials.Forget(context.Request);
        var queueLimits = new SendQueueLimits(options.SendQueueCapacity, options.SendQueueBytes);
        using var connection = new ClientConnection(socket, auth.UserId, queueLimits, options.MaxFrameBytes, services.Connections);
        var session = services.Sessions.Create(auth.UserId);
        session.Attach(connection);
        session.Send(MessageTypes.Connected, new ConnectedPayload(
            session.Id,
            auth.UserId,
            Resumed: false,
            (long)options.AuthRecheckInterval.TotalMilliseconds,
            (long)options.AuthRefreshGrace.TotalMilliseconds));

        var handler = new ClientMessageHandler(connection, auth, session, services);
        using var ended = new CancellationTokenSource();
        using var stopping = services.Lifetime.ApplicationStopping.Register(() => connection.Close(
            CloseCodes.ServerStopping,
            "server stopping"));
        var recheck = auth.RunAsync(() => handler.Session, () => connection.Close(CloseCodes.AuthExpired, "auth_expired"), ended.Token);
        try
        {
            await connection.RunAsync(handler.HandleAsync);
        }
        finally
        {
            await ended.CancelAsync();
            await recheck;
            handler.Session.Detach(connection);
            services.Logger.LogInformation(
                "Connection of {UserId} on session {SessionId} ended ({CloseStatus})",
                auth.UserId,
                handler.Session.Id,
                connection.CloseStatus);
        }
    }

    private static Task Problem(HttpContext context, int status, string code, string detail) =>
        ServiceProblems.Create("backend", status, code, code.Replace('_', ' '), detail).ExecuteAsync(context);
}
