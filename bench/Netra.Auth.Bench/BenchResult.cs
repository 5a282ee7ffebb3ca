using System.Globalization;

namespace Netra.Auth.Bench;

/// <summary>
/// One row of the table; latencies are null for in-process measurements. <paramref name="CpuTime"/> is the
/// process CPU time spent, so ops per CPU-second stays meaningful on a machine shared with other work.
/// </summary>
public sealed record BenchResult(string Name, long Operations, TimeSpan Elapsed, TimeSpan CpuTime, TimeSpan? P50 = null, TimeSpan? P99 = null, int Errors = 0)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double PerCpuSecond => Operations / CpuTime.TotalSeconds;

    public static void PrintTable(IEnumerable<BenchResult> results, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(culture, "{0,-52} {1,8} {2,10} {3,10} {4,9} {5,9} {6,6}", "measurement", "ops", "ops/s", "ops/cpu-s", "p50 ms", "p99 ms", "errors"));
        output.WriteLine(new string('-', 110));
        foreach (var r in results)
        {
            output.WriteLine(string.Format(
                culture,
                "{0,-52} {1,8} {2,10:N0} {3,10:N0} {4,9} {5,9} {6,6}",
                r.Name,
                r.Operations,
                r.PerSecond,
                r.PerCpuSecond,
                r.P50 is { } p50 ? p50.TotalMilliseconds.ToString("0.000", culture) : "-",
                r.P99 is { } p99 ? p99.TotalMilliseconds.ToString("0.000", culture) : "-",
                r.Errors));
        }
    }
}
