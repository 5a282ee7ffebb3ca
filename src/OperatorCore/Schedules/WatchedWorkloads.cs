using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>The observed workloads a schedule's triggers select: by kind, namespace and label selector.</summary>
public static class WatchedWorkloads
{
    public static IEnumerable<ObservedWorkload> Select(
        ResolvedSchedule spec, TestRunSchedule schedule, IEnumerable<ObservedWorkload> observed) =>
        observed.Where(w => ByRollouts(spec.Rollouts, schedule, w) || spec.Readiness.Any(r => ByReadiness(r, schedule, w)));

    private static bool ByRollouts(ResolvedRollouts? rollouts, TestRunSchedule schedule, ObservedWorkload workload) =>
        rollouts is not null
        && rollouts.Kinds.Contains(workload.Current.Kind)
        && In(rollouts.Namespaces, schedule, workload)
        && LabelSelectors.Matches(rollouts.Selector, workload.Labels);

    private static bool ByReadiness(ResolvedReadiness readiness, TestRunSchedule schedule, ObservedWorkload workload) =>
        readiness.Kind == workload.Current.Kind
        && In(readiness.Namespaces, schedule, workload)
        && LabelSelectors.Matches(readiness.Selector, workload.Labels);

    private static bool In(IReadOnlyList<string> namespaces, TestRunSchedule schedule, ObservedWorkload workload) =>
        (namespaces.Count > 0 ? namespaces : [schedule.Metadata.NamespaceProperty]).Contains(workload.Current.Namespace);
}
