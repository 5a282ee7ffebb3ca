using System.Collections.Concurrent;
using System.Diagnostics;

namespace Netra.Agent.Bench;

/// <summary>A number of runs kept <see cref="Concurrency"/> at a time, bounded by a count and a time limit.</summary>
public sealed record LoadLevel(int Concurrency, int Runs, TimeSpan? TimeLimit = null)
{
    /// <summary>
    /// This level against each client in turn, <paramref name="rounds"/> times, each round a share of the runs and of the time
    /// limit: on a machine whose other work comes and goes, every client meets the same conditions. Each client first runs
    /// a few runs at this concurrency, so that its connections are open, as a steady stream of runs finds them.
    /// </summary>
    public async Task<IReadOnlyList<LoadResult>> CompareAsync(IReadOnlyList<RunClient> clients, int rounds)
    {
        var share = this with { Runs = Math.Max(Concurrency, Runs / rounds), TimeLimit = (TimeLimit ?? DefaultTimeLimit) / rounds };
        var samples = clients.Select(_ => new List<LoadSamples>()).ToArray();
        foreach (var client in clients)
        {
            await (this with { Runs = Concurrency * 2 }).RunAsync(client);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < clients.Count; i++)
            {
                samples[i].Add(await share.RunAsync(clients[i]));
            }
        }

        return [.. samples.Select(LoadResult.Of)];
    }

    public async Task<LoadSamples> RunAsync(RunClient client)
    {
        var firstEvents = new ConcurrentBag<TimeSpan>();
        var wholeRuns = new ConcurrentBag<TimeSpan>();
        var next = -1;
        var failed = 0;
        var deadline = TimeLimit ?? DefaultTimeLimit;
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
        return new LoadSamples([.. firstEvents], [.. wholeRuns], failed, clock.Elapsed);
    }

    private static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);
}

/// <summary>What one stretch of runs measured.</summary>
public sealed record LoadSamples(IReadOnlyList<TimeSpan> FirstEvents, IReadOnlyList<TimeSpan> WholeRuns, int Failed, TimeSpan Elapsed);

public sealed record LoadResult(int Runs, int Failed, double RunsPerSecond, Percentiles FirstEvent, Percentiles WholeRun)
{
    public static LoadResult Of(IReadOnlyList<LoadSamples> stretches)
    {
        var runs = stretches.Sum(s => s.WholeRuns.Count);
        var seconds = stretches.Sum(s => s.Elapsed.TotalSeconds);
        return new LoadResult(
            runs,
            stretches.Sum(s => s.Failed),
            runs / seconds,
            Percentiles.Of(stretches.SelectMany(s => s.FirstEvents)),
            Percentiles.Of(stretches.SelectMany(s => s.WholeRuns)));
    }
}

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
