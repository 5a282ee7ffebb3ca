using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Netra.Backend.Protocol;
using Netra.Backend.Sessions;

namespace Netra.Backend.WebSockets;

/// <summary>
/// The transport of one accepted WebSocket: a reader loop that hands complete text messages to a handler, and a
/// writer loop draining a send queue bounded in frames and in bytes. A client that lets the queue fill is aborted, so
/// a stalled reader costs at most the queue's byte budget (plus one frame) of memory.
/// </summary>
public sealed class ClientConnection : IFrameSink, IDisposable
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly Channel<Outgoing> _outbox;
    private readonly ConnectionRegistry _registry;
    private readonly int _maxFrameBytes;
    private readonly long _maxQueuedBytes;
    private readonly CancellationTokenSource _aborted = new();
    private readonly Lock _closeGate = new();
    private (WebSocketCloseStatus Status, string Reason)? _closeRequest;
    private long _queuedBytes;

    public ClientConnection(WebSocket socket, string userId, SendQueueLimits queueLimits, int maxFrameBytes, ConnectionRegistry registry)
    {
        _socket = socket;
        UserId = userId;
        _maxFrameBytes = maxFrameBytes;
        _maxQueuedBytes = queueLimits.Bytes;
        _registry = registry;
        _outbox = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(queueLimits.Frames)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string UserId { get; }

    /// <summary>The close status this connection ended with, as requested by the server.</summary>
    public WebSocketCloseStatus? CloseStatus => _closeRequest?.Status;

    public bool TryEnqueue(ReadOnlyMemory<byte> frame) => TryEnqueue(new Outgoing(frame, null));

    public bool TryEnqueueReplay(IReadOnlyList<ReadOnlyMemory<byte>> frames) => TryEnqueue(new Outgoing(default, frames));

    public void Superseded() => Close(CloseCodes.Normal, "session resumed on another connection");

    /// <summary>Sends what is queued, then the close frame with <paramref name="status"/>. The first close request wins.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_closeGate)
        {
            _closeRequest ??= (status, reason);
        }

        _outbox.Writer.TryComplete();
    }

    /// <summary>Runs both loops until the connection ends; <paramref name="onMessage"/> sees each text message in order.</summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, Task> onMessage)
    {
        _registry.Opened(this);
        try
        {
            var writer = WriteLoopAsync();
            await ReadLoopAsync(onMessage);
            Close(CloseCodes.Normal, "closing");
            await writer.WaitAsync(CloseHandshakeTimeout * 2).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await AwaitClientCloseAsync();
        }
        finally
        {
            _socket.Abort();
            await _aborted.CancelAsync();
            _registry.Closed(this);
        }
    }

    public void Dispose()
    {
        _aborted.Dispose();
        _socket.Dispose();
    }

    private bool TryEnqueue(Outgoing item)
    {
        // The first frame is always taken, so that one frame larger than the budget still goes out to a reading client.
        var queued = Interlocked.Add(ref _queuedBytes, item.Bytes);
        if ((queued == item.Bytes || queued <= _maxQueuedBytes) && _outbox.Writer.TryWrite(item))
        {
            _registry.ObserveQueueDepth(_outbox.Reader.Count, queued);
            return true;
        }

        Interlocked.Add(ref _queuedBytes, -item.Bytes);

        bool closing;
        lock (_closeGate)
        {
            closing = _closeRequest is not null;
            _closeRequest ??= (CloseCodes.SendQueueFull, "send queue full");
        }

        if (!closing)
        {
            // The client stopped reading: its frames would pile up here. Drop it; the session keeps them for resume.
            _registry.SlowConsumerClosed();
            _outbox.Writer.TryComplete();
            _socket.Abort();
            _ = _aborted.CancelAsync();
        }

        return false;
    }

    private async Task ReadLoopAsync(Func<ReadOnlyMemory<byte>, Task> onMessage)
    {
        var chunk = new byte[1024];
        ArrayBufferWriter<byte>? longMessage = null;
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(chunk.AsMemory(), _aborted.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if ((longMessage?.WrittenCount ?? 0) + received.Count > _maxFrameBytes)
                {
                    Close(CloseCodes.FrameTooLarge, "frame too large");
                    return;
                }

                if (!received.EndOfMessage)
                {
                    // Only messages longer than one chunk need a buffer of their own.
                    longMessage ??= new ArrayBufferWriter<byte>(4096);
                    longMessage.Write(chunk.AsSpan(0, received.Count));
                    continue;
                }

                byte[] text;
                if (longMessage is null)
                {
                    text = chunk.AsSpan(0, received.Count).ToArray();
                }
                else
                {
                    longMessage.Write(chunk.AsSpan(0, received.Count));
                    text = longMessage.WrittenSpan.ToArray();
                    longMessage = null;
                }

                await onMessage(received.MessageType == WebSocketMessageType.Text ? text : []);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished, the connection was aborted or the server is stopping.
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(_aborted.Token))
            {
                while (_outbox.Reader.TryRead(out var item))
                {
                    if (item.Replay is { } replay)
                    {
                        foreach (var frame in replay)
                        {
                            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _aborted.Token);
                        }
                    }
                    else
                    {
                        await _socket.SendAsync(item.Frame, WebSocketMessageType.Text, endOfMessage: true, _aborted.Token);
                    }

                    Interlocked.Add(ref _queuedBytes, -item.Bytes);
                }
            }

            if (_closeRequest is { } close && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_aborted.Token);
                timeout.CancelAfter(CloseHandshakeTimeout);
                await _socket.CloseOutputAsync(close.Status, close.Reason, timeout.Token);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _ = _aborted.CancelAsync();
        }
    }

    /// <summary>After our close frame, gives the client a moment to answer with its own.</summary>
    private async Task AwaitClientCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseSent)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_aborted.Token);
        timeout.CancelAfter(CloseHandshakeTimeout);
        var sink = new byte[256];
        try
        {
            while (_socket.State == WebSocketState.CloseSent)
            {
                await _socket.ReceiveAsync(sink.AsMemory(), timeout.Token);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client did not answer the close; the socket is aborted next.
        }
    }
}
