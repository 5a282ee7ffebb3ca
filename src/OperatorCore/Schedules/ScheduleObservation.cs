using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Everything a schedule's reconcile decides from: the schedule, the TestRuns it owns, the workloads it may watch, and
/// what the installer allows (unrestricted when null).
/// </summary>
public sealed record ScheduleObservation(
    TestRunSchedule Schedule, IReadOnlyList<TestRun> Runs, IReadOnlyList<ObservedWorkload> Workloads, TenantPolicy? Policy = null)
{
    public ResolvedSchedule Spec { get; } = ResolvedSchedule.Resolve(Schedule.Spec, Policy, Schedule.Metadata?.NamespaceProperty);

    /// <summary>Unfinished runs of the schedule at once, whatever its concurrency policy.</summary>
    public int MaxActiveRuns => (Policy ?? TenantPolicy.Unrestricted).MaxActiveRunsPerSchedule;
}

/// <summary>A Deployment or StatefulSet as a rollout trigger sees it.</summary>
/// <param name="Complete">Every replica runs the current pod template and is available, as <c>kubectl rollout status</c> decides.</param>
/// <param name="OldPods">Its pods of an older revision still running or terminating (<see cref="Schedules.OldPods"/>), counted
/// only when it completed at a revision the schedule has not accounted for.</param>
public sealed record ObservedWorkload(
    WorkloadRevision Current,
    bool Complete,
    DateTimeOffset? Created,
    IDictionary<string, string>? Labels,
    IDictionary<string, string>? Annotations = null,
    int OldPods = 0)
{
    public string Key => $"{Current.Kind}/{Current.Namespace}/{Current.Name}";
}
