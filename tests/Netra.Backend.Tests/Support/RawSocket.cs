using System.Net;
using System.Net.WebSockets;

namespace Netra.Backend.Tests.Support;

/// <summary>A bare <see cref="ClientWebSocket"/>, for clients that misbehave (never read) and for refused upgrades.</summary>
public static class RawSocket
{
    /// <summary>Attempts an upgrade and returns the HTTP status the server answered (101 when accepted).</summary>
    public static async Task<HttpStatusCode> UpgradeStatusAsync(Uri uri, Action<ClientWebSocketOptions> configure)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        try
        {
            await socket.ConnectAsync(uri, new CancellationTokenSource(Netra.Testing.Eventually.DefaultTimeout).Token);
            return socket.HttpStatusCode;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await socket.ConnectAsync(uri, new CancellationTokenSource(Netra.Testing.Eventually.DefaultTimeout).Token);
        return socket;
    }
}
