using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;
using Netra.Bench;
using Netra.TestBed;
using Netra.Testing;

namespace Netra.Operator.Bench;

/// <summary>
/// The API server's own round trip, measured by the bench's client: a ConfigMap created until the bench's watch
/// delivers it. The operator's create → Job is at least two such trips (its watch, its create), so this is the limit.
/// </summary>
internal sealed class ApiRoundTrip(OperatorTestBed bed)
{
    /// <summary>One object at a time, <paramref name="samples"/> times.</summary>
    public async Task<Latencies> OneAtATimeAsync(int samples)
    {
        var (latencies, _) = await MeasureAsync("roundtrip-one", samples, parallelism: 1);
        return latencies;
    }

    /// <summary><paramref name="count"/> objects created at once, as the bench creates TestRuns; also the creates per second.</summary>
    public Task<(Latencies Latencies, double CreatesPerSecond)> AtOnceAsync(int count) =>
        MeasureAsync("roundtrip-burst", count, Batch.Parallelism);

    private async Task<(Latencies, double)> MeasureAsync(string label, int count, int parallelism)
    {
        var ns = await bed.CreateNamespaceAsync(label);
        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentDictionary<string, long>();
        var seen = new ConcurrentDictionary<string, long>();
        await bed.Admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("primer"), ns);
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await foreach (var (_, map) in bed.Admin.CoreV1.WatchListNamespacedConfigMapAsync(ns, cancellationToken: stop.Token))
            {
                seen.TryAdd(map.Metadata.Name, clock.ElapsedTicks);
            }
        });
        await Eventually.WaitUntilAsync(() => seen.ContainsKey("primer"), "the round-trip watch delivers", TimeSpan.FromSeconds(30));

        var start = clock.ElapsedTicks;
        var inFlight = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), inFlight, async (i, cancel) =>
        {
            var name = $"trip-{i:000}";
            sent[name] = clock.ElapsedTicks;
            await bed.Admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name), ns, cancellationToken: cancel);
        });
        var written = clock.ElapsedTicks;
        await Eventually.WaitUntilAsync(
            () => sent.Keys.All(seen.ContainsKey), $"{count} ConfigMaps seen by the watch", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await watch.ContinueWith(_ => { }, TaskScheduler.Default);

        var latencies = new Latencies(sent.Select(s => (seen[s.Key] - s.Value) * 1000.0 / Stopwatch.Frequency));
        return (latencies, count / ((written - start) / (double)Stopwatch.Frequency));
    }

    private static V1ConfigMap ConfigMap(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["bench"] = name },
    };
}
