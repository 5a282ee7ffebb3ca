using Netra.Bench;

namespace Netra.Backend.Bench;

/// <summary>
/// The backend bench's figures for <c>bench/run.sh</c>, held to the goals of 10,000 connections, each costing at most
/// 1.15 times what a connection to the bare echo server costs in the same run.
/// </summary>
public static class BackendFigures
{
    private const string Echo = "bare Kestrel WebSocket echo";
    private const double WorkingSetGoalOverEcho = 1.15;

    public static IReadOnlyList<Figure> Create(
        BenchOptions options, int held, ServerStats baseline, ServerStats connected, LatencyRecorder latencies, long frames,
        EchoResult echo)
    {
        var perConnectionKb = (connected.WorkingSetBytes - baseline.WorkingSetBytes) / Math.Max(1, held) / 1024.0;
        return
        [
            new Figure("backend connections held", held, "connections", "higher", Goal: 10_000,
                Limit: echo.ConnectionsHeld, LimitName: Echo, Note: $"{options.Connections} opened"),
            new Figure("backend working set per connection", perConnectionKb, "KB", "lower",
                Goal: WorkingSetGoalOverEcho * echo.WorkingSetPerConnectionKb, Limit: echo.WorkingSetPerConnectionKb, LimitName: Echo,
                Note: $"goal: {WorkingSetGoalOverEcho} x the bare echo's in the same run"),
            new Figure("backend event frames per second", frames / options.Duration.TotalSeconds, "frames/s", "higher", Goal: 1_000),
            new Figure("backend event-to-frame latency p99", latencies.Percentile(0.99), "ms", "lower", Goal: 50,
                Limit: echo.P99Milliseconds, LimitName: Echo + ": frame round trip at the same rate"),
        ];
    }
}
