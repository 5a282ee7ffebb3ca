using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;
using Netra.Operator.Core.Controller;
using Netra.TestBed;
using Netra.Testing;

namespace Netra.Operator.Bench;

/// <summary>
/// One batch of Existing-mode TestRuns created at once in a namespace of their own, timed by the
/// bench's own watches: create → probe Job created, Job Complete → run Succeeded.
/// </summary>
internal sealed class Batch(OperatorTestBed bed, OperatorProcess operatorProcess, string label, int runs)
{
    private readonly ConcurrentDictionary<string, long> _created = new();
    private readonly ConcurrentDictionary<string, long> _jobCreated = new();
    private readonly ConcurrentDictionary<string, long> _jobCompleted = new();
    private readonly ConcurrentDictionary<string, long> _succeeded = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public double PeakMiB { get; private set; }

    public async Task<string> RunAsync(HttpClient http)
    {
        var ns = await bed.CreateNamespaceAsync(label);
        using var stop = new CancellationTokenSource();
        var watches = Task.WhenAll(WatchJobsAsync(ns, stop.Token), WatchRunsAsync(ns, stop.Token));
        var reconcilesBefore = await operatorProcess.ReconcilesAsync(http);
        var cpuBefore = operatorProcess.ProcessorTime();
        // Manifests are parsed before the clock starts: the bench's own start-up is not the operator's latency.
        var manifests = Enumerable.Range(0, runs).Select(i => TestRunManifest.Parse($$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: run-{{i:000}}}
            spec:
              scenarios: [auth-service-independence]
              environment:
                mode: Existing
                endpoints: {authUrl: "http://127.0.0.1:1", backendUrl: "http://127.0.0.1:1", agentUrl: "http://127.0.0.1:1"}
            """, "bench")).ToList();
        await Parallel.ForEachAsync(manifests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (run, cancellationToken) =>
        {
            _created[run.Metadata.Name] = _clock.ElapsedTicks;
            await bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(run, TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: cancellationToken);
        });
        await WaitForAllSucceededAsync(ns);
        var wall = TimeSpan.FromTicks((_succeeded.Values.Max() - _created.Values.Min()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        var reconciles = await operatorProcess.ReconcilesAsync(http) - reconcilesBefore;
        var cpu = operatorProcess.ProcessorTime() - cpuBefore;
        await stop.CancelAsync();
        await watches.ContinueWith(_ => { }, TaskScheduler.Default);

        var toJob = Latencies(_created, _jobCreated);
        var toStatus = Latencies(_jobCompleted, _succeeded);
        return string.Create(CultureInfo.InvariantCulture, $"""
            {label}: {runs} TestRun(s) created at once
              create -> probe Job created        {Percentiles(toJob)}
              Job Complete -> status Succeeded   {Percentiles(toStatus)}
              all Succeeded in                   {wall.TotalSeconds:0.0} s, {reconciles:0} reconciles ({reconciles / wall.TotalSeconds:0.0}/s), operator CPU {cpu.TotalSeconds:0.00} s
            """);
    }

    private async Task WaitForAllSucceededAsync(string ns)
    {
        try
        {
            await Eventually.WaitUntilAsync(() =>
            {
                PeakMiB = Math.Max(PeakMiB, operatorProcess.ResidentMiB());
                return _succeeded.Count == runs;
            }, $"{runs} TestRuns Succeeded", TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            var listed = KubernetesJson.Deserialize<RunList>(((JsonElement)await bed.Admin.CustomObjects.ListNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural)).GetRawText());
            var phases = string.Join(", ", listed.Items.GroupBy(r => r.Status?.Phase ?? "none").Select(g => $"{g.Key}: {g.Count()}"));
            await Console.Error.WriteLineAsync($"{runs - _succeeded.Count} runs not seen Succeeded by the watch; listed: {phases}; the operator's last output:");
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, operatorProcess.RecentOutput));
            throw;
        }
    }

    private async Task WatchJobsAsync(string ns, CancellationToken cancellationToken)
    {
        await foreach (var (_, job) in bed.Admin.BatchV1.WatchListNamespacedJobAsync(ns, cancellationToken: cancellationToken))
        {
            var run = job.Metadata.Labels[ChildNames.RunNameLabel];
            _jobCreated.TryAdd(run, _clock.ElapsedTicks);
            if (job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true)
            {
                _jobCompleted.TryAdd(run, _clock.ElapsedTicks);
            }
        }
    }

    private async Task WatchRunsAsync(string ns, CancellationToken cancellationToken)
    {
        await foreach (var (_, item) in bed.Admin.CustomObjects.WatchListNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: cancellationToken))
        {
            var run = KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
            if (run.Status?.Phase == Phases.Succeeded)
            {
                _succeeded.TryAdd(run.Metadata.Name, _clock.ElapsedTicks);
            }
        }
    }

    private static List<double> Latencies(ConcurrentDictionary<string, long> from, ConcurrentDictionary<string, long> to) =>
        [.. from.Keys.Where(to.ContainsKey).Select(k => (to[k] - from[k]) * 1000.0 / Stopwatch.Frequency).Order()];

    private static string Percentiles(List<double> ms) => ms.Count == 0 ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {ms[ms.Count / 2]:0} ms, p95 {ms[(int)(ms.Count * 0.95)]:0} ms, max {ms[^1]:0} ms");

    private sealed class RunList
    {
        [JsonPropertyName("items")]
        public List<TestRun> Items { get; set; } = [];
    }
}
