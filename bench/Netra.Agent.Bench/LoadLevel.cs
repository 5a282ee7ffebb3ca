using System.Collections.Concurrent;
using System.Diagnostics;

namespace Netra.Agent.Bench;

/// <summary>A number of runs kept <see cref="Concurrency"/> at a time, bounded by a count and a time limit.</summary>
public sealed record LoadLevel(int Concurrency, int Runs, TimeSpan? TimeLimit = null)
{
    public async Task<LoadResult> RunAsync(RunClient client)
    {
        var firstEvents = new ConcurrentBag<TimeSpan>();
        var wholeRuns = new ConcurrentBag<TimeSpan>();
        var next = -1;
        var failed = 0;
        var deadline = TimeLimit ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Runs && clock.Elapsed < deadline)
            {
                if (await client.RunAsync(index) is { } timing)
                {
                    firstEvents.Add(timing.FirstEvent);
                    wholeRuns.Add(timing.WholeRun);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        clock.Stop();
        var runsPerSecond = wholeRuns.Count / clock.Elapsed.TotalSeconds;
        return new LoadResult(wholeRuns.Count, failed, runsPerSecond, Percentiles.Of(firstEvents), Percentiles.Of(wholeRuns));
    }
}

public sealed record LoadResult(int Runs, int Failed, double RunsPerSecond, Percentiles FirstEvent, Percentiles WholeRun);

public sealed record Percentiles(TimeSpan P50, TimeSpan P99)
{
    public static Percentiles Of(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? new(TimeSpan.Zero, TimeSpan.Zero) : new(At(sorted, 0.50), At(sorted, 0.99));
    }

    // Nearest-rank percentile.
    private static TimeSpan At(TimeSpan[] sorted, double quantile) => sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
