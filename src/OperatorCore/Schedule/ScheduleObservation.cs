using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedule;

/// <summary>Everything a schedule's reconcile decides from: the schedule, the TestRuns it owns, and the workloads it may watch.</summary>
public sealed record ScheduleObservation(TestRunSchedule Schedule, IReadOnlyList<TestRun> Runs, IReadOnlyList<ObservedWorkload> Workloads)
{
    public ResolvedSchedule Spec { get; } = ResolvedSchedule.Resolve(Schedule.Spec);
}

/// <summary>A Deployment or StatefulSet as a rollout trigger sees it.</summary>
/// <param name="Complete">Every replica runs the current pod template and is available, as <c>kubectl rollout status</c> decides.</param>
public sealed record ObservedWorkload(
    WorkloadRevision Current, bool Complete, DateTimeOffset? Created, IDictionary<string, string>? Labels)
{
    public string Key => $"{Current.Kind}/{Current.Namespace}/{Current.Name}";
}
