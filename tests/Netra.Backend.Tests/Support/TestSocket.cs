using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using Netra.Testing;
using Websocket.Client;

namespace Netra.Backend.Tests.Support;

/// <summary>
/// A real WebSocket client (Websocket.Client) that records every frame it receives. <see cref="ExpectAsync"/>
/// consumes frames in order: it returns the next frame of a type after the previous expectation.
/// </summary>
public sealed class TestSocket : IDisposable
{
    // UTF-8 as it is, like a browser's JSON.stringify: escaping non-ASCII text would triple its size on the wire.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>How long connecting or handing a frame to the socket may take before the test fails instead of hanging.</summary>
    private static readonly TimeSpan SocketDeadline = TimeSpan.FromSeconds(30);
    private readonly WebsocketClient _client;
    private readonly List<JsonElement> _frames = [];
    private readonly Lock _gate = new();
    private int _cursor;
    private DisconnectionInfo? _disconnection;

    private TestSocket(WebsocketClient client)
    {
        _client = client;
        _client.MessageReceived.Subscribe(message =>
        {
            if (message.Text is { } text)
            {
                using var document = JsonDocument.Parse(text);
                lock (_gate)
                {
                    _frames.Add(document.RootElement.Clone());
                }
            }
        });
        _client.DisconnectionHappened.Subscribe(info => _disconnection = info);
    }

    public IReadOnlyList<JsonElement> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    public DisconnectionInfo? Disconnection => _disconnection;

    public bool IsOpen => _client.IsRunning && _disconnection is null;

    public static async Task<TestSocket> ConnectAsync(Uri uri, string token, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new WebsocketClient(uri, () =>
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            configure?.Invoke(socket.Options);
            return socket;
        })
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
        };
        var socket = new TestSocket(client);
        await client.StartOrFail().WaitAsync(SocketDeadline);
        return socket;
    }

    public Task SendAsync(string type, object? payload = null, string? id = null) =>
        SendRawAsync(JsonSerializer.Serialize(new { type, payload = payload ?? new { }, id }, Json));

    public Task SendRawAsync(string text) => _client.SendInstant(text).WaitAsync(SocketDeadline);

    /// <summary>The next frame of <paramref name="type"/> after the last expected one.</summary>
    public async Task<JsonElement> ExpectAsync(string type, TimeSpan? timeout = null)
    {
        JsonElement found = default;
        await Eventually.WaitUntilAsync(() => TryTake(frame => Type(frame) == type, out found), $"a '{type}' frame", timeout);
        return found;
    }

    /// <summary>The next frame after the last expected one that satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> ExpectAsync(Func<JsonElement, bool> match, string what, TimeSpan? timeout = null)
    {
        JsonElement found = default;
        await Eventually.WaitUntilAsync(() => TryTake(match, out found), what, timeout);
        return found;
    }

    public async Task<DisconnectionInfo> ExpectClosedAsync(TimeSpan? timeout = null)
    {
        await Eventually.WaitUntilAsync(() => _disconnection is not null, "the server to close the connection", timeout);
        return _disconnection!;
    }

    /// <summary>Drops the connection without a close handshake, as a lost network would.</summary>
    public void Drop() => _client.NativeClient?.Abort();

    public static string Type(JsonElement frame) => frame.GetProperty("type").GetString()!;

    public static JsonElement Payload(JsonElement frame) => frame.GetProperty("payload");

    public static long Seq(JsonElement frame) => frame.GetProperty("seq").GetInt64();

    public void Dispose() => _client.Dispose();

    private bool TryTake(Func<JsonElement, bool> match, out JsonElement found)
    {
        lock (_gate)
        {
            for (var index = _cursor; index < _frames.Count; index++)
            {
                if (match(_frames[index]))
                {
                    found = _frames[index];
                    _cursor = index + 1;
                    return true;
                }
            }
        }

        found = default;
        return false;
    }
}
