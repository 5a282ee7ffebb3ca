using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Bench;

/// <summary>
/// When each TestRun reached each step, as the bench's own watches saw it (all namespaces, one clock):
/// created by the bench, probe Job created, Job Complete, run Succeeded. Keyed "namespace/name".
/// </summary>
internal sealed class RunTimeline : IAsyncDisposable
{
    private const string PrimerNamespace = "bench-primer";

    private readonly IKubernetes _admin;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, bool> _primersSeen = new();
    private Task _loops = Task.CompletedTask;

    private RunTimeline(IKubernetes admin)
    {
        _admin = admin;
    }

    public ConcurrentDictionary<string, long> Created { get; } = new();

    public ConcurrentDictionary<string, long> JobCreated { get; } = new();

    public ConcurrentDictionary<string, long> JobCompleted { get; } = new();

    public ConcurrentDictionary<string, long> Succeeded { get; } = new();

    public long Now => _clock.ElapsedTicks;

    /// <summary>
    /// Starts both watches and returns once each has delivered a primer object created before it, so that no
    /// event the bench times is seen late because its watch was still connecting. Start it before the operator:
    /// the primer TestRun is deleted before anything could reconcile it.
    /// </summary>
    public static async Task<RunTimeline> StartAsync(IKubernetes admin)
    {
        var timeline = new RunTimeline(admin);
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = PrimerNamespace } });
        await admin.BatchV1.CreateNamespacedJobAsync(PrimerJob(), PrimerNamespace);
        var primerRun = TestRunManifests.Existing("primer");
        await admin.CustomObjects.CreateNamespacedCustomObjectAsync(
            primerRun, TestRun.Group, TestRun.Version, PrimerNamespace, TestRun.Plural);
        timeline._loops = Task.WhenAll(
            KeepWatchingAsync(() => timeline.WatchJobsAsync(timeline._stop.Token), timeline._stop.Token),
            KeepWatchingAsync(() => timeline.WatchRunsAsync(timeline._stop.Token), timeline._stop.Token));
        await Netra.Testing.Eventually.WaitUntilAsync(
            () => timeline._primersSeen.Count == 2, "the bench's Job and TestRun watches deliver", TimeSpan.FromSeconds(30));
        await admin.CustomObjects.DeleteNamespacedCustomObjectAsync(
            TestRun.Group, TestRun.Version, PrimerNamespace, TestRun.Plural, "primer");
        await admin.CoreV1.DeleteNamespaceAsync(PrimerNamespace);
        return timeline;
    }

    /// <summary>Milliseconds from one step to another of every run in <paramref name="keys"/> that reached both.</summary>
    public static Netra.Bench.Latencies Between(
        ConcurrentDictionary<string, long> from, ConcurrentDictionary<string, long> to, IEnumerable<string> keys) =>
        new(keys.Where(k => from.ContainsKey(k) && to.ContainsKey(k)).Select(k => (to[k] - from[k]) * 1000.0 / Stopwatch.Frequency));

    private static V1Job PrimerJob() => new()
    {
        Metadata = new V1ObjectMeta { Name = "primer" },
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "primer", Image = "primer" }] },
            },
        },
    };

    private static async Task KeepWatchingAsync(Func<Task> watch, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await watch();
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A watch the API server closed or broke: watch again; steps already seen keep their first time.
            }
        }
    }

    private async Task WatchJobsAsync(CancellationToken cancellationToken)
    {
        await foreach (var (_, job) in _admin.BatchV1.WatchListJobForAllNamespacesAsync(cancellationToken: cancellationToken))
        {
            var now = _clock.ElapsedTicks;
            if (job.Metadata.NamespaceProperty == PrimerNamespace)
            {
                _primersSeen.TryAdd("job", true);
                continue;
            }

            var key = $"{job.Metadata.NamespaceProperty}/{job.Metadata.Labels[ChildNames.RunNameLabel]}";
            JobCreated.TryAdd(key, now);
            if (job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true)
            {
                JobCompleted.TryAdd(key, now);
            }
        }
    }

    private async Task WatchRunsAsync(CancellationToken cancellationToken)
    {
        await foreach (var (_, item) in _admin.CustomObjects.WatchListClusterCustomObjectAsync(
            TestRun.Group, TestRun.Version, TestRun.Plural, cancellationToken: cancellationToken))
        {
            var now = _clock.ElapsedTicks;
            var run = KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
            if (run.Metadata.NamespaceProperty == PrimerNamespace)
            {
                _primersSeen.TryAdd("run", true);
            }
            else if (run.Status?.Phase == Phases.Succeeded)
            {
                Succeeded.TryAdd($"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}", now);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loops.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
