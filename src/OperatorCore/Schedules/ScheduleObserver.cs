using k8s;
using k8s.Models;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Reads what a schedule decides from: its runs and the watched workloads from the watch caches, the objects of its
/// readiness triggers from the API server, and, when a decision
/// is to be acted on, the schedule and its runs as the API server has them (<see cref="ReadAsync"/>).
/// </summary>
public sealed class ScheduleObserver(
    IKubernetes client,
    ObjectCache<TestRun> runs,
    ObjectCache<V1Deployment> deployments,
    ObjectCache<V1StatefulSet> statefulSets,
    ReadinessReader readiness,
    OldPodReader oldPods,
    TenantPolicy policy)
{
    /// <summary>What a workload cache is indexed by: the namespace.</summary>
    public static string? NamespaceIndex(IKubernetesObject<V1ObjectMeta> item) => item.Metadata.NamespaceProperty;

    public async Task<ScheduleObservation> ObserveAsync(TestRunSchedule schedule, CancellationToken cancellationToken) => new(
        schedule,
        [.. runs.Indexed(ObjectKey.Of(schedule)).Where(run => OwnedBy(run, schedule))],
        [.. await WorkloadsAsync(schedule, cancellationToken), .. await readiness.ReadAsync(schedule, MayWatch(schedule), cancellationToken)],
        policy);

    /// <summary>The schedule and its runs from the API server; null when the schedule is gone.</summary>
    public async Task<ScheduleObservation?> ReadAsync(TestRunSchedule cached, CancellationToken cancellationToken)
    {
        var ns = cached.Metadata.NamespaceProperty;
        var read = await ApiErrors.ReadOrNullAsync(() => client.CustomObjects.GetAsync<TestRunSchedule>(
            TestRun.Group, TestRun.Version, ns, TestRunSchedule.Plural, cached.Metadata.Name, cancellationToken));
        if (read is null)
        {
            return null;
        }

        var schedule = CachedRuns.KeepSchedule(read);
        var listed = await client.CustomObjects.ListAsync<TestRun>(
            TestRun.Group, TestRun.Version, ns, TestRun.Plural, ScheduledRuns.Selector(schedule), cancellationToken: cancellationToken);
        var owned = listed.Items.Select(CachedRuns.KeepForSchedule).Where(run => OwnedBy(run, schedule));
        var workloads = await readiness.ReadAsync(schedule, MayWatch(schedule), cancellationToken);
        return new ScheduleObservation(schedule, [.. owned], [.. await WorkloadsAsync(schedule, cancellationToken), .. workloads], policy);
    }

    private async Task<IReadOnlyList<ObservedWorkload>> WorkloadsAsync(TestRunSchedule schedule, CancellationToken cancellationToken)
    {
        if (schedule.Spec.Triggers?.Rollouts is not { } rollouts)
        {
            return [];
        }

        var namespaces = (rollouts.Namespaces is { Count: > 0 } given ? given : [schedule.Metadata.NamespaceProperty])
            .Distinct().Where(MayWatch(schedule)).ToList();
        var observed = new List<ObservedWorkload>();
        foreach (var deployment in namespaces.SelectMany(deployments.Indexed))
        {
            observed.Add(await WithOldPodsAsync(schedule, RolloutProgress.Of(deployment), () => oldPods.CountAsync(deployment, cancellationToken)));
        }

        foreach (var statefulSet in namespaces.SelectMany(statefulSets.Indexed))
        {
            observed.Add(await WithOldPodsAsync(schedule, RolloutProgress.Of(statefulSet), () => oldPods.CountAsync(statefulSet, cancellationToken)));
        }

        return observed;
    }

    /// <summary>Old pods are counted only for a rollout that completed at a revision the schedule has not accounted for.</summary>
    private static async Task<ObservedWorkload> WithOldPodsAsync(TestRunSchedule schedule, ObservedWorkload workload, Func<Task<int>> count) =>
        workload.Complete
        && schedule.Status?.Workloads.FirstOrDefault(w => Stages.RolloutStage.Same(w, workload.Current))?.Revision != workload.Current.Revision
            ? workload with { OldPods = await count() }
            : workload;

    /// <summary>Only namespaces the installer lets the schedule watch are ever read (<see cref="ScheduleChecks"/>).</summary>
    public Func<string, bool> MayWatch(TestRunSchedule schedule) =>
        ns => ScheduleChecks.MayWatch(policy, schedule.Metadata.NamespaceProperty, ns);

    private static bool OwnedBy(TestRun run, TestRunSchedule schedule) =>
        run.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == schedule.Metadata.Uid) == true;
}
