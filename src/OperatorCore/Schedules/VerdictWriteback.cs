using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>A finished run's verdict to write to a workload: the annotation's value and the Event to record.</summary>
public sealed record WorkloadVerdict(WorkloadRevision Workload, string Value, bool Passed, string Reason, string Message);

/// <summary>
/// The verdict a finished rollout-triggered run writes back to each workload it verified: the annotation
/// <c>netra.io/verified: REVISION:Passed|Failed</c> and an Event. The revision written is one a health check can read
/// on the object: a Deployment's <c>deployment.kubernetes.io/revision</c>, a StatefulSet's <c>status.updateRevision</c>.
/// </summary>
public static class VerdictWriteback
{
    public const string Annotation = "netra.io/verified";
    public const string DeploymentRevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string Passed = "Passed";
    public const string Failed = "Failed";

    public static IReadOnlyList<WorkloadVerdict> Decide(IEnumerable<TestRun> runs, IReadOnlyList<ObservedWorkload> workloads) =>
    [
        .. runs.Where(ScheduledRuns.IsFinished)
            .SelectMany(run => VerifiedWorkloads.Of(run).Select(verified => Decide(run, verified, workloads)))
            .OfType<WorkloadVerdict>(),
    ];

    /// <summary>
    /// Nothing when the workload is gone or has moved on from the run's revision (its verdict no longer says anything
    /// about what runs), or already carries this verdict.
    /// </summary>
    public static WorkloadVerdict? Decide(TestRun run, WorkloadRevision verified, IReadOnlyList<ObservedWorkload> workloads)
    {
        var observed = workloads.FirstOrDefault(w => Stages.RolloutStage.Same(w.Current, verified));
        if (observed is null || observed.Current.Revision != verified.Revision
            || ReadableRevision(observed) is not { Length: > 0 } revision)
        {
            return null;
        }

        var passed = run.Status?.Phase == Phases.Succeeded;
        var value = $"{revision}:{(passed ? Passed : Failed)}";
        if (observed.Annotations?.TryGetValue(Annotation, out var written) == true && written == value)
        {
            return null;
        }

        var failed = run.Status?.Scenarios
            .Where(s => s is { Result: ScenarioResults.Failed, Quarantined: not true }).Select(s => s.Name).ToList() ?? [];
        var message = passed
            ? $"TestRun {run.Metadata.Name} passed at revision {revision}."
            : $"TestRun {run.Metadata.Name} failed at revision {revision}"
                + (failed.Count > 0 ? $"; failed: {string.Join(", ", failed)}." : ".");
        return new WorkloadVerdict(observed.Current, value, passed, passed ? "Verified" : "VerificationFailed", message);
    }

    private static string? ReadableRevision(ObservedWorkload workload) => workload.Current.Kind == WorkloadKinds.Deployment
        ? workload.Annotations?.TryGetValue(DeploymentRevisionAnnotation, out var revision) == true ? revision : null
        : workload.Current.Revision;
}
