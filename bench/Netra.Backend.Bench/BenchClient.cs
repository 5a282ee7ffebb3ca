using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Netra.Backend.Bench;

/// <summary>One authenticated connection: reads every frame, times agent events, counts outcomes.</summary>
public sealed class BenchClient : IDisposable
{
    private static readonly HashSet<string> AgentEvents = new(StringComparer.Ordinal)
    {
        "agent_started", "agent_thinking", "tool_executing", "tool_completed", "partial_result", "agent_completed", "final_report",
    };

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly LatencyRecorder _latencies;
    private readonly BenchCounters _counters;

    public BenchClient(LatencyRecorder latencies, BenchCounters counters)
    {
        _latencies = latencies;
        _counters = counters;
    }

    public Channel<string> CreatedThreads { get; } = Channel.CreateUnbounded<string>();

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public async Task ConnectAsync(Uri uri, string token, CancellationToken cancellationToken)
    {
        _socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await _socket.ConnectAsync(uri, cancellationToken);
        _ = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    public async Task SendAsync(string json)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
        _sending.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    received = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += received.Count;
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                Handle(buffer.AsSpan(0, count), DateTimeOffset.UtcNow);
            }
        }
        catch (WebSocketException)
        {
            // Closed by the benchmark's end or by the server.
        }
    }

    private void Handle(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt)
    {
        using var document = JsonDocument.Parse(frame.ToArray());
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString()!;
        var payload = root.GetProperty("payload");
        if (AgentEvents.Contains(type))
        {
            var produced = DateTimeOffset.Parse(payload.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            _latencies.Record((receivedAt - produced).TotalMilliseconds);
            _counters.AddFrame();
            if (type == "final_report")
            {
                _counters.AddCompleted();
            }
        }
        else if (type == "thread_created")
        {
            CreatedThreads.Writer.TryWrite(payload.GetProperty("thread_id").GetString()!);
        }
        else if (type is "error" or "rate_limited")
        {
            _counters.AddFailed();
        }
    }
}
