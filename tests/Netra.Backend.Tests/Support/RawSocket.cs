using System.Net;
using System.Net.WebSockets;

namespace Netra.Backend.Tests.Support;

/// <summary>A bare <see cref="ClientWebSocket"/>, for clients that misbehave (never read) and for refused upgrades.</summary>
public static class RawSocket
{
    /// <summary>Attempts an upgrade and returns the HTTP status the server answered (101 when accepted).</summary>
    public static async Task<HttpStatusCode> UpgradeStatusAsync(Uri uri, Action<ClientWebSocketOptions> configure) =>
        (await UpgradeAnswerAsync(uri, configure)).Status;

    /// <summary>Attempts an upgrade: the HTTP status the server answered and the pod it named in <c>Netra-Pod</c>.</summary>
    public static async Task<(HttpStatusCode Status, string? Pod)> UpgradeAnswerAsync(Uri uri, Action<ClientWebSocketOptions> configure)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        try
        {
            await socket.ConnectAsync(uri, new CancellationTokenSource(Netra.Testing.Eventually.DefaultTimeout).Token);
        }
        catch (WebSocketException)
        {
        }

        var pod = socket.HttpResponseHeaders?.FirstOrDefault(h => h.Key.Equals("Netra-Pod", StringComparison.OrdinalIgnoreCase)).Value;
        return (socket.HttpStatusCode, pod is null ? null : string.Join(",", pod));
    }

    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await socket.ConnectAsync(uri, new CancellationTokenSource(Netra.Testing.Eventually.DefaultTimeout).Token);
        return socket;
    }
}
