using System.Globalization;

namespace Netra.Backend.Bench;

/// <summary>The command line: <c>[--connections N] [--rate MSG_PER_S] [--duration S] [--warmup S] [--threads N] [--connect-parallelism N]</c>.</summary>
public sealed record BenchOptions(int Connections, int Rate, TimeSpan Duration, TimeSpan Warmup, int Threads, int ConnectParallelism, TimeSpan AuthRecheckInterval)
{
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            Connections: Int("connections", 1000),
            Rate: Int("rate", 100),
            Duration: TimeSpan.FromSeconds(Int("duration", 10)),
            Warmup: TimeSpan.FromSeconds(Int("warmup", 3)),
            Threads: Int("threads", 50),
            ConnectParallelism: Int("connect-parallelism", 64),
            AuthRecheckInterval: TimeSpan.FromSeconds(Int("recheck-seconds", 30)));
    }
}
