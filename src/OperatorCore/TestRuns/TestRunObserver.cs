using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Core.TestRuns.Evidence;
using Netra.Operator.Core.TestRuns.Tested;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// Reads a run's children: its Jobs from the watch cache, their pods (for the termination messages of
/// those that finished, and what keeps those that run from getting anywhere) only while the run has not
/// finished (a finished run's results are in its status), a finished probe pod's full report from its log when
/// its termination message had no room for it (<see cref="ProbeLogReports"/>), and the environment namespace from the API server.
/// The run itself is read from the server only when a decision is to be acted
/// on (<see cref="ReadRunAsync"/>).
/// </summary>
public sealed class TestRunObserver(IKubernetes client, ObjectCache<TestRun> runs, ObjectCache<V1Job> jobs)
{
    private readonly ProbeLogReports _logReports = new(client);
    private readonly DeployFactsReader _deployFacts = new(client);
    private readonly AnsweringPodReader _answering = new(client);

    /// <summary>What a Job cache is indexed by: the key of the run the Job was created for.</summary>
    public static string? JobIndex(V1Job job) => ChildNames.RunKeyOf(job.Metadata);

    public async Task<TestRun?> ReadRunAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var run = await ApiErrors.ReadOrNullAsync(() => client.CustomObjects.GetAsync<TestRun>(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, name, cancellationToken));
        return run is null ? null : CachedRuns.Keep(run);
    }

    public async Task<TestRunObservation> ObserveAsync(TestRun run, CancellationToken cancellationToken)
    {
        var ns = run.Metadata.NamespaceProperty;
        var children = jobs.Indexed(ObjectKey.Of(run))
            .Where(job => Label(job, ChildNames.RunUidLabel) == run.Metadata.Uid)
            .ToLookup(job => Label(job, ChildNames.ComponentLabel));
        var readPods = run.Status?.Phase is not (Phases.Succeeded or Phases.Failed);
        var presence = ChildPresence.Absent;
        JobObservation? deployJob = null;
        DeployFacts? deployFacts = null;
        IList<V1Pod> environmentPods = [];
        if (TestRunDefaults.Resolve(run.Spec).Ephemeral)
        {
            var environment = ChildNames.EnvironmentNamespace(run);
            var namespaceObject = await ApiErrors.ReadOrNullAsync(
                () => client.CoreV1.ReadNamespaceAsync(environment, cancellationToken: cancellationToken));
            presence = namespaceObject is null ? ChildPresence.Absent
                : !IsFor(namespaceObject, run) ? ChildPresence.Foreign
                : namespaceObject.Metadata.DeletionTimestamp is not null ? ChildPresence.Terminating
                : ChildPresence.Present;
            var job = children[ChildNames.DeployComponent]
                .FirstOrDefault(j => j.Metadata.NamespaceProperty == environment && j.Metadata.Name == ChildNames.DeployJob);
            if (presence == ChildPresence.Present && job is not null)
            {
                // Every pod of the namespace: the deploy pod, and those of the services helm waits for.
                var pods = environmentPods = readPods
                    ? (await client.CoreV1.ListNamespacedPodAsync(environment, cancellationToken: cancellationToken)).Items
                    : [];
                deployJob = Observe(job, pods) with { Problem = Progress(job) == JobProgress.Running ? PodProblems.Find(pods, DateTimeOffset.UtcNow) : null };
                // The run ends with this look: the evidence of why is read now, while the pods are still there.
                if (readPods && (deployJob.Progress == JobProgress.Failed || deployJob.Problem is not null
                    || (deployJob.Progress == JobProgress.Running && OutOfTime(run))))
                {
                    deployFacts = await _deployFacts.ReadAsync(environment, [.. pods], cancellationToken);
                }
            }
        }

        var probeJobs = children[ChildNames.ProbeComponent].Where(j => j.Metadata.NamespaceProperty == ns).ToList();
        var probePods = readPods && probeJobs.Count > 0
            ? (await client.CoreV1.ListNamespacedPodAsync(
                ns, labelSelector: ChildNames.ProbeSelector(run), cancellationToken: cancellationToken)).Items
            : [];
        // Only a run that has not started can be queued: the others' places are read from the watch cache.
        var queue = run.Status?.StartTime is null ? QueuePlace.Of(run, runs.All()) : QueuePlace.Empty;
        var probes = await _logReports.FillAsync(
            probeJobs.ToDictionary(j => j.Metadata.Name, j => Observe(j, probePods)), probePods, cancellationToken);
        // What the run tested is recorded as it ends: read only while it has not ended.
        var tested = readPods
            ? await _answering.ReadAsync(run, TestRunDefaults.Resolve(run.Spec), probes, [.. environmentPods], cancellationToken)
            : TestedFacts.None;
        return new TestRunObservation(run, presence, deployJob, probes, queue, deployFacts, tested);
    }

    /// <summary>Whether a namespace was created for this run: it carries the run's uid.</summary>
    private static bool IsFor(V1Namespace ns, TestRun run) =>
        ns.Metadata.Labels is { } labels && labels.TryGetValue(ChildNames.RunUidLabel, out var uid) && uid == run.Metadata.Uid;

    private static string? Label(V1Job job, string name) =>
        job.Metadata.Labels is { } labels && labels.TryGetValue(name, out var value) ? value : null;

    /// <summary>Past its timeout as the decider will see it, give or take the look's duration.</summary>
    private static bool OutOfTime(TestRun run) =>
        DecisionContext.Remaining(run, TestRunDefaults.Resolve(run.Spec), DateTimeOffset.UtcNow) <= TimeSpan.Zero;

    private static JobProgress Progress(V1Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        return conditions.Any(c => c.Type == "Failed" && c.Status == "True") ? JobProgress.Failed
            : conditions.Any(c => c.Type == "Complete" && c.Status == "True") ? JobProgress.Succeeded
            : JobProgress.Running;
    }

    private static JobObservation Observe(V1Job job, IEnumerable<V1Pod> pods)
    {
        var failed = job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        var ownPods = pods
            .Where(p => p.Metadata.Labels is { } labels && labels.TryGetValue("job-name", out var owner) && owner == job.Metadata.Name)
            .ToList();
        var terminated = ownPods
            .SelectMany(p => (p.Status?.InitContainerStatuses ?? []).Concat(p.Status?.ContainerStatuses ?? []))
            .Select(s => s.State?.Terminated)
            .Where(t => t?.Message is { Length: > 0 })
            .OrderByDescending(t => t!.ExitCode != 0)
            .FirstOrDefault();
        var progress = Progress(job);
        var problem = PodProblems.Find(ownPods, DateTimeOffset.UtcNow);
        // A pod killed for memory fails its Job at once (no restarts): the Job's reason alone would not say why.
        var reason = failed is null ? null
            : $"{(problem is null ? string.Empty : $"{problem}; ")}{failed.Reason}: {failed.Message}".Trim(' ', ':');
        problem = progress == JobProgress.Running ? problem : null;
        return new JobObservation(
            job.Metadata.Name, progress, terminated?.Message, reason, problem, PastDeadline: failed?.Reason == "DeadlineExceeded");
    }
}
