using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Netra.Probes.Evidence;
using Netra.Probes.Running;
using Websocket.Client;

namespace Netra.Probes.Clients;

/// <summary>How a client presents its token on the WebSocket upgrade.</summary>
public enum TokenPlacement
{
    /// <summary><c>Authorization: Bearer</c>, as non-browser clients do.</summary>
    Header,

    /// <summary>The subprotocol pair <c>netra.v1, bearer.&lt;jwt&gt;</c>, as browsers must.</summary>
    Subprotocol,
}

/// <summary>The backend refused the WebSocket upgrade with an HTTP status.</summary>
public sealed class UpgradeRefusedException(HttpStatusCode status, Exception inner)
    : Exception($"the upgrade was refused with HTTP {(int)status}", inner)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// One authenticated WebSocket connection to the backend (Websocket.Client, reconnection off: the
/// probes decide when to reconnect). Every frame received is kept in order, except that, as a polite
/// client does, a frame sent with an id and answered <c>rate_limited</c> is sent again after its
/// <c>retry_after_ms</c> and the case sees only the answer to the resent frame. Frames sent without an
/// id (the rate limit cases' floods) get their <c>rate_limited</c> like any other frame. Every frame sent and received, and
/// the close, go to the evidence of the case that opened the connection (<see cref="CaseTranscript"/>), and the pod that answered
/// the upgrade to its scenario's (<see cref="AnsweringPods"/>).
/// </summary>
public sealed class BackendConnection : IAsyncDisposable
{
    /// <summary>The longest a rate-limited frame waits before it is sent again.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private readonly WebsocketClient _client;
    private readonly Channel<Envelope> _frames = Channel.CreateUnbounded<Envelope>();
    private readonly TaskCompletionSource<DisconnectionInfo> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable[] _subscriptions;
    private readonly ConcurrentDictionary<string, string> _sentById = new(StringComparer.Ordinal);

    // Taken when the case opens the connection: the receive loop is the client's, and the frames are that case's.
    private readonly CaseTranscript? _transcript = CaseTranscript.Current;

    private BackendConnection(WebsocketClient client)
    {
        _client = client;
        _subscriptions =
        [
            client.MessageReceived.Subscribe(message =>
            {
                if (message.MessageType == WebSocketMessageType.Text && message.Text is { } text)
                {
                    var frame = ParseOrKeep(text);
                    _transcript?.Add($"<- ws {Brief(frame)}");
                    if (!ResentWhenRateLimited(frame) && HandledAside?.Invoke(frame) != true)
                    {
                        _frames.Writer.TryWrite(frame);
                    }
                }
            }),
            client.DisconnectionHappened.Subscribe(info =>
            {
                _transcript?.Add(info.CloseStatus is { } code
                    ? $"ws closed {(int)code} {info.CloseStatusDescription}".TrimEnd()
                    : $"ws closed ({info.Type})");
                _closed.TrySetResult(info);
                _frames.Writer.TryComplete();
            }),
        ];
    }

    public static Uri WebSocketUri(Uri backendUrl) =>
        new UriBuilder(new Uri(backendUrl, "ws")) { Scheme = backendUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;

    /// <summary>Opens an authenticated connection; a refused upgrade throws <see cref="UpgradeRefusedException"/> with the HTTP
    /// status.</summary>
    public static async Task<BackendConnection> OpenAsync(
        Uri backendUrl,
        string token,
        CancellationToken ct,
        TokenPlacement placement = TokenPlacement.Header)
    {
        ClientWebSocket? socket = null;
        var client = new WebsocketClient(WebSocketUri(backendUrl), () =>
        {
            socket = Configure(new ClientWebSocket(), token, placement, origin: null);
            socket.Options.CollectHttpResponseDetails = true;
            return socket;
        })
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            Name = "netra-probe",
        };
        var connection = new BackendConnection(client);
        connection._transcript?.Add($"-> ws upgrade {client.Url}");
        try
        {
            await client.StartOrFail().WaitAsync(UnansweredRequestGuard.RequestTimeout, ct);
            AnsweringPods.Current?.RecordUpgrade(socket?.HttpResponseHeaders);
            connection._transcript?.Add("<- ws upgrade 101");
            return connection;
        }
        catch (TimeoutException)
        {
            await connection.DisposeAsync();
            var seconds = UnansweredRequestGuard.RequestTimeout.TotalSeconds;
            connection._transcript?.Add($"<- ws upgrade: no answer within {seconds:0} s");
            throw new TimeoutException($"the backend did not complete the WebSocket upgrade within {seconds:0} s");
        }
        catch (Exception error) when (socket is { HttpStatusCode: not HttpStatusCode.SwitchingProtocols and not 0 })
        {
            await connection.DisposeAsync();
            AnsweringPods.Current?.RecordUpgrade(socket.HttpResponseHeaders);
            connection._transcript?.Add($"<- ws upgrade refused {(int)socket.HttpStatusCode}");
            throw new UpgradeRefusedException(socket.HttpStatusCode, error);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Tries the upgrade alone: null when the server accepted it, else the HTTP status it answered.</summary>
    public static async Task<HttpStatusCode?> TryUpgradeAsync(
        Uri backendUrl,
        string? token,
        CancellationToken ct,
        TokenPlacement placement = TokenPlacement.Header,
        string? origin = null)
    {
        using var socket = Configure(new ClientWebSocket(), token, placement, origin);
        socket.Options.CollectHttpResponseDetails = true;
        var transcript = CaseTranscript.Current;
        transcript?.Add($"-> ws upgrade {WebSocketUri(backendUrl)}");
        try
        {
            await socket.ConnectAsync(WebSocketUri(backendUrl), ct).WaitAsync(UnansweredRequestGuard.RequestTimeout, ct);
            AnsweringPods.Current?.RecordUpgrade(socket.HttpResponseHeaders);
            transcript?.Add("<- ws upgrade 101");
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
            return null;
        }
        catch (WebSocketException)
        {
            AnsweringPods.Current?.RecordUpgrade(socket.HttpResponseHeaders);
            transcript?.Add($"<- ws upgrade refused {(int)socket.HttpStatusCode}");
            return socket.HttpStatusCode;
        }
    }

    /// <summary>Sees each frame as it arrives; frames it returns true for are handled there and never read by the case.</summary>
    public Func<Envelope, bool>? HandledAside { get; set; }

    /// <summary>The subprotocol the server selected for this connection.</summary>
    public string? SubProtocol => _client.NativeClient?.SubProtocol;

    public void Send(string type, object payload, string? id = null) =>
        SendRemembered(id, JsonSerializer.Serialize(new { type, payload, id, ts = DateTimeOffset.UtcNow }, ProbeJson.Options));

    public void SendRaw(string text)
    {
        _transcript?.Add($"-> ws {Brief(ParseOrKeep(text))}");
        _client.Send(text);
    }

    private void SendRemembered(string? id, string text)
    {
        if (id is not null)
        {
            _sentById[id] = text;
        }

        SendRaw(text);
    }

    /// <summary>True when <paramref name="frame"/> was a rate_limited answer to a frame this connection sends again.</summary>
    private bool ResentWhenRateLimited(Envelope frame)
    {
        if (frame.Id is not { } id)
        {
            return false;
        }

        if (frame.Type != "rate_limited")
        {
            _sentById.TryRemove(id, out _);
            return false;
        }

        if (!_sentById.TryGetValue(id, out var text))
        {
            return false;
        }

        var wait = frame.Payload.ValueKind == JsonValueKind.Object
            && frame.Payload.TryGetProperty("retry_after_ms", out var after)
            && after.TryGetInt64(out var ms)
                ? TimeSpan.FromMilliseconds(Math.Clamp(ms, 1, MaxRetryAfter.TotalMilliseconds))
                : MaxRetryAfter;
        _ = Task.Delay(wait).ContinueWith(_ => SendRaw(text), TaskScheduler.Default);
        return true;
    }

    public async Task<Envelope> ReceiveAsync(CancellationToken ct)
    {
        if (await _frames.Reader.WaitToReadAsync(ct) && _frames.Reader.TryRead(out var frame))
        {
            return frame;
        }

        var info = await _closed.Task;
        throw new ProbeFailedException($"expected another frame, the connection closed ({Describe(info)})");
    }

    /// <summary>The next frame within <paramref name="window"/>, or null when none came.</summary>
    public async Task<Envelope?> TryReceiveAsync(TimeSpan window, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(window);
        try
        {
            return await _frames.Reader.WaitToReadAsync(timer.Token) && _frames.Reader.TryRead(out var frame) ? frame : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Reads frames until one of <paramref name="type"/> comes and returns it.</summary>
    public async Task<Envelope> WaitForAsync(string type, CancellationToken ct)
    {
        while (true)
        {
            var frame = await ReceiveAsync(ct);
            if (frame.Type == type)
            {
                return frame;
            }
        }
    }

    /// <summary>Every frame up to and including the first one <paramref name="isLast"/> accepts.</summary>
    public async Task<IReadOnlyList<Envelope>> ReadUntilAsync(Func<Envelope, bool> isLast, CancellationToken ct)
    {
        var frames = new List<Envelope>();
        while (true)
        {
            var frame = await ReceiveAsync(ct);
            frames.Add(frame);
            if (isLast(frame))
            {
                return frames;
            }
        }
    }

    /// <summary>Waits for the server to close the connection and returns the close code it sent.</summary>
    public async Task<int?> WaitClosedAsync(CancellationToken ct)
    {
        var info = await _closed.Task.WaitAsync(ct);
        return (int?)info.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        if (_client.IsRunning)
        {
            await _client.Stop(WebSocketCloseStatus.NormalClosure, "probe done");
        }

        _client.Dispose();
    }

    private static ClientWebSocket Configure(ClientWebSocket socket, string? token, TokenPlacement placement, string? origin)
    {
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        if (token is null)
        {
            return socket;
        }

        if (placement == TokenPlacement.Header)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }
        else
        {
            socket.Options.AddSubProtocol("netra.v1");
            socket.Options.AddSubProtocol($"bearer.{token}");
        }

        return socket;
    }

    private static Envelope ParseOrKeep(string text)
    {
        try
        {
            return Envelope.Parse(text);
        }
        catch (JsonException)
        {
            return new Envelope("<not json>", default, null, null, null, text);
        }
    }

    /// <summary>A frame as evidence shows it: its type, then its payload (or the text, when it is not an envelope).</summary>
    private static string Brief(Envelope frame) => frame.Payload.ValueKind == JsonValueKind.Undefined
        ? frame.Raw
        : $"{frame.Type} {frame.Payload.GetRawText()}";

    private static string Describe(DisconnectionInfo info) =>
        info.CloseStatus is { } status ? $"close code {(int)status} {info.CloseStatusDescription}".TrimEnd() : $"{info.Type}";
}
