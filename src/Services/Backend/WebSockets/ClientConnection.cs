using System.Buffers;
using System.Net.WebSockets;
using Netra.Backend.Protocol;
using Netra.Backend.Sessions;

namespace Netra.Backend.WebSockets;

/// <summary>
/// The transport of one accepted WebSocket: a reader loop that hands complete text messages to a handler, and a
/// writer draining a send queue bounded in frames and in bytes. A client that lets the queue fill is aborted, so
/// a stalled reader costs at most the queue's byte budget (plus one frame) of memory. The writer runs only while there
/// is something to send: an idle connection (most of them) holds no writer and no buffer.
/// </summary>
public sealed class ClientConnection : IFrameSink, IDisposable
{
    private const int ChunkBytes = 1024;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly ConnectionRegistry _registry;
    private readonly int _maxFrameBytes;
    private readonly int _maxQueuedFrames;
    private readonly long _maxQueuedBytes;
    private readonly CancellationTokenSource _aborted = new();

    // The send queue, the writer draining it (null while idle), and whether it is closed to new frames: under _gate.
    private readonly Lock _gate = new();
    private readonly Queue<Outgoing> _queue = new();
    private Task? _writer;
    private bool _completed;
    private (WebSocketCloseStatus Status, string Reason)? _closeRequest;
    private long _queuedBytes;

    public ClientConnection(WebSocket socket, string userId, SendQueueLimits queueLimits, int maxFrameBytes, ConnectionRegistry registry)
    {
        _socket = socket;
        UserId = userId;
        _maxFrameBytes = maxFrameBytes;
        _maxQueuedFrames = queueLimits.Frames;
        _maxQueuedBytes = queueLimits.Bytes;
        _registry = registry;
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
        lock (_gate)
        {
            _closeRequest ??= (status, reason);
            _completed = true;
            StartWriterLocked();
        }
    }

    /// <summary>
    /// Reads until the connection ends (<paramref name="onMessage"/> sees each text message in order), then lets the writer
    /// send what is queued and the close frame.
    /// </summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, Task> onMessage)
    {
        _registry.Opened();
        try
        {
            await ReadLoopAsync(onMessage);
            Close(CloseCodes.Normal, "closing");
            Task writer;
            lock (_gate)
            {
                writer = _writer ?? Task.CompletedTask;
            }

            await writer.WaitAsync(CloseHandshakeTimeout * 2).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await AwaitClientCloseAsync();
        }
        finally
        {
            _socket.Abort();
            await _aborted.CancelAsync();
            _registry.Closed();
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
        bool closing;
        lock (_gate)
        {
            if (!_completed && _queue.Count < _maxQueuedFrames && (queued == item.Bytes || queued <= _maxQueuedBytes))
            {
                _queue.Enqueue(item);
                _registry.ObserveQueueDepth(_queue.Count, queued);
                StartWriterLocked();
                return true;
            }

            closing = _closeRequest is not null;
            _closeRequest ??= (CloseCodes.SendQueueFull, "send queue full");
            _completed = true;
        }

        Interlocked.Add(ref _queuedBytes, -item.Bytes);
        if (!closing)
        {
            // The client stopped reading: its frames would pile up here. Drop it; the session keeps them for resume.
            _registry.SlowConsumerClosed();
            _socket.Abort();
            _ = _aborted.CancelAsync();
        }

        return false;
    }

    /// <summary>Starts the writer unless it runs; on the thread pool, never on the caller's (which may hold a session's lock).</summary>
    private void StartWriterLocked() => _writer ??= Task.Run(WriteQueuedAsync);

    private async Task ReadLoopAsync(Func<ReadOnlyMemory<byte>, Task> onMessage)
    {
        // Most connections are idle most of the time: an empty receive waits for the next message without holding a
        // buffer, and a chunk is rented from the shared pool only while a message is being read.
        byte[]? chunk = null;
        ArrayBufferWriter<byte>? longMessage = null;
        try
        {
            while (true)
            {
                var into = chunk is null ? Memory<byte>.Empty : chunk.AsMemory(0, ChunkBytes);
                var received = await _socket.ReceiveAsync(into, _aborted.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if ((longMessage?.WrittenCount ?? 0) + received.Count > _maxFrameBytes)
                {
                    Close(CloseCodes.FrameTooLarge, "frame too large");
                    return;
                }

                var part = chunk is null ? [] : chunk.AsSpan(0, received.Count);
                if (!received.EndOfMessage)
                {
                    if (chunk is null)
                    {
                        chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
                        continue;
                    }

                    // Only messages longer than one chunk need a buffer of their own.
                    longMessage ??= new ArrayBufferWriter<byte>(4096);
                    longMessage.Write(part);
                    continue;
                }

                byte[] text;
                if (longMessage is null)
                {
                    text = part.ToArray();
                }
                else
                {
                    longMessage.Write(part);
                    text = longMessage.WrittenSpan.ToArray();
                    longMessage = null;
                }

                ReturnToPool(ref chunk);
                await onMessage(received.MessageType == WebSocketMessageType.Text ? text : []);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished, the connection was aborted or the server is stopping.
        }
        finally
        {
            ReturnToPool(ref chunk);
        }
    }

    private static void ReturnToPool(ref byte[]? chunk)
    {
        if (chunk is not null)
        {
            ArrayPool<byte>.Shared.Return(chunk);
            chunk = null;
        }
    }

    /// <summary>Sends what is queued; once the queue is closed and drained, the close frame. Ends when nothing is left to send.</summary>
    private async Task WriteQueuedAsync()
    {
        try
        {
            while (true)
            {
                Outgoing item;
                lock (_gate)
                {
                    if (!_queue.TryDequeue(out item))
                    {
                        if (!_completed)
                        {
                            _writer = null;
                            return;
                        }

                        break;
                    }
                }

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
