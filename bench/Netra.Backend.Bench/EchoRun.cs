using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Netra.Backend.Bench;

/// <summary>
/// The same connections against <see cref="EchoHost"/>: working set per connection, and the round trip of a frame
/// at the same rate of frames per second as the backend relayed.
/// </summary>
public static class EchoRun
{
    private const int Senders = 50;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    public static async Task<EchoResult> RunAsync(int connections, double framesPerSecond, TimeSpan duration)
    {
        await using var server = await ServerProcess.StartAsync("serve-echo", []);
        var uri = new Uri($"ws://{server.BackendUrl.Authority}/ws");
        var baseline = await server.StatsAsync();
        var sockets = new ClientWebSocket[connections];
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                // A connect the server never answers (seen with 10,000 on a loaded machine) fails instead of holding the run.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                sockets[i] = new ClientWebSocket();
                await sockets[i].ConnectAsync(uri, timeout.Token);
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                // Not held: the server's count of open connections says how many were.
            }
            finally
            {
                gate.Release();
            }
        }));
        var connected = await server.StatsAsync();
        var latencies = new LatencyRecorder();
        var interval = TimeSpan.FromSeconds(Senders / Math.Max(1, framesPerSecond));

        // Warm-up (JIT, pools, thread injection) is not measured, as in the backend's run.
        var senders = sockets.Where(s => s.State == WebSocketState.Open).Take(Senders).ToList();
        await Task.WhenAll(senders.Select(socket => EchoLoopAsync(socket, interval, Warmup, latencies)));
        latencies.Recording = true;
        await Task.WhenAll(senders.Select(socket => EchoLoopAsync(socket, interval, duration, latencies)));
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        var perConnectionKb =
            (connected.WorkingSetBytes - baseline.WorkingSetBytes) / (double)Math.Max(1, connected.OpenConnections) / 1024;
        return new EchoResult(connected.OpenConnections, perConnectionKb, latencies.Percentile(0.99));
    }

    private static async Task EchoLoopAsync(ClientWebSocket socket, TimeSpan interval, TimeSpan duration, LatencyRecorder latencies)
    {
        var frame = Encoding.UTF8.GetBytes("""{"type":"agent_event","delta":"echo"}""");
        var buffer = new byte[4096];
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < duration;)
        {
            var started = Stopwatch.GetTimestamp();
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            await socket.ReceiveAsync(buffer, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            latencies.Record(elapsed.TotalMilliseconds);
            if (interval > elapsed)
            {
                await Task.Delay(interval - elapsed);
            }
        }
    }
}

/// <summary>What the bare echo server held and how fast it answered.</summary>
public sealed record EchoResult(int ConnectionsHeld, double WorkingSetPerConnectionKb, double P99Milliseconds);
