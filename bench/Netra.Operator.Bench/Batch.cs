using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using Netra.Bench;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.TestBed;
using Netra.Testing;

namespace Netra.Operator.Bench;

/// <summary>What one batch measured: its runs' step latencies, the operator's work and its peak memory.</summary>
internal sealed record BatchResult(
    Latencies CreateToJob,
    Latencies JobCompleteToStatus,
    TimeSpan Wall,
    double Reconciles,
    double FailedReconciles,
    TimeSpan Cpu,
    double PeakMiB)
{
    public double ReconcilesPerSecond => Reconciles / Wall.TotalSeconds;
}

/// <summary>One batch of Existing-mode TestRuns created at once in a namespace of their own, timed by <see cref="RunTimeline"/>.</summary>
internal sealed class Batch(OperatorTestBed bed, OperatorProcess operatorProcess, RunTimeline timeline, string label, int runs)
{
    /// <summary>Creates in flight at once, for the TestRuns and for the API round trip beside them.</summary>
    public const int Parallelism = 8;

    public async Task<BatchResult> RunAsync(HttpClient http)
    {
        var ns = await bed.CreateNamespaceAsync(label);
        var reconcilesBefore = await operatorProcess.ReconcilesAsync(http);
        var failedBefore = await operatorProcess.FailedReconcilesAsync(http);
        var cpuBefore = operatorProcess.ProcessorTime();
        // Manifests are parsed before the clock starts: the bench's own start-up is not the operator's latency.
        var manifests = Enumerable.Range(0, runs).Select(i => TestRunManifests.Existing($"run-{i:000}")).ToList();
        var keys = manifests.Select(m => $"{ns}/{m.Metadata.Name}").ToList();
        var inFlight = new ParallelOptions { MaxDegreeOfParallelism = Parallelism };
        await Parallel.ForEachAsync(manifests, inFlight, async (run, cancellationToken) =>
        {
            timeline.Created[$"{ns}/{run.Metadata.Name}"] = timeline.Now;
            await bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
                run, TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: cancellationToken);
        });
        var peakMiB = await WaitForAllSucceededAsync(ns, keys);
        var first = keys.Min(k => timeline.Created[k]);
        var last = keys.Max(k => timeline.Succeeded[k]);
        var wall = TimeSpan.FromSeconds((last - first) / (double)Stopwatch.Frequency);
        return new BatchResult(
            RunTimeline.Between(timeline.Created, timeline.JobCreated, keys),
            RunTimeline.Between(timeline.JobCompleted, timeline.Succeeded, keys),
            wall,
            await operatorProcess.ReconcilesAsync(http) - reconcilesBefore,
            await operatorProcess.FailedReconcilesAsync(http) - failedBefore,
            operatorProcess.ProcessorTime() - cpuBefore,
            peakMiB);
    }

    /// <summary>Waits for every run to be seen Succeeded, sampling the operator's resident memory meanwhile; returns its peak.</summary>
    private async Task<double> WaitForAllSucceededAsync(string ns, List<string> keys)
    {
        var peakMiB = 0.0;
        try
        {
            await Eventually.WaitUntilAsync(() =>
            {
                peakMiB = Math.Max(peakMiB, operatorProcess.ResidentMiB());
                return keys.All(timeline.Succeeded.ContainsKey);
            }, $"{runs} TestRuns Succeeded", TimeSpan.FromMinutes(5));
            return peakMiB;
        }
        catch (TimeoutException)
        {
            var listed = KubernetesJson.Deserialize<RunList>(((JsonElement)await bed.Admin.CustomObjects.ListNamespacedCustomObjectAsync(
                TestRun.Group, TestRun.Version, ns, TestRun.Plural)).GetRawText());
            var phases = string.Join(", ", listed.Items.GroupBy(r => r.Status?.Phase ?? "none").Select(g => $"{g.Key}: {g.Count()}"));
            var missing = keys.Count(k => !timeline.Succeeded.ContainsKey(k));
            await Console.Error.WriteLineAsync(
                $"{missing} runs not seen Succeeded by the watch; listed: {phases}; the operator's last output:");
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, operatorProcess.RecentOutput));
            throw;
        }
    }

    private sealed class RunList
    {
        [JsonPropertyName("items")]
        public List<TestRun> Items { get; set; } = [];
    }
}
