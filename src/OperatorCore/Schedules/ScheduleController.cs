using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Tenancy;
using Netra.Operator.Core.TestRuns;
using Prometheus;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// The TestRunSchedule controller: schedules watched and cached; the TestRuns they own, each queuing its schedule;
/// Deployments and StatefulSets, each queuing the schedules whose rollout triggers watch its namespace.
/// </summary>
public static class ScheduleController
{
    public const string Name = "testrunschedule";

    /// <summary>Every schedule sits under this one index value, so that a workload's change can find those that watch it.</summary>
    private const string AllSchedules = "*";

    public static ControllerHost<TestRunSchedule> Create(
        IKubernetes client,
        EventRecorder events,
        IMetricFactory metricFactory,
        ILoggerFactory loggers,
        int workers,
        TimeProvider time,
        TenantPolicy policy)
    {
        var schedules = new ObjectCache<TestRunSchedule>(_ => AllSchedules, CachedRuns.KeepSchedule);
        var runs = new ObjectCache<TestRun>(ScheduledRuns.OwnerKey, CachedRuns.KeepForSchedule);
        var deployments = new ObjectCache<V1Deployment>(ScheduleObserver.NamespaceIndex, CachedWorkloads.Keep);
        var statefulSets = new ObjectCache<V1StatefulSet>(ScheduleObserver.NamespaceIndex, CachedWorkloads.Keep);
        var readiness = new ReadinessReader(client, loggers.CreateLogger<ReadinessReader>());
        var observer = new ScheduleObserver(client, runs, deployments, statefulSets, readiness, new OldPodReader(client), policy);
        var reconciler = new ScheduleReconciler(
            client, schedules, observer, events, new ScheduleMetrics(metricFactory), loggers.CreateLogger<ScheduleReconciler>(), time);
        IEnumerable<string> Watching(IKubernetesObject<V1ObjectMeta> workload) => schedules.Indexed(AllSchedules)
            .Where(s => s.Spec.Triggers?.Rollouts is { } rollouts
                && (rollouts.Namespaces is { Count: > 0 } namespaces ? namespaces : [s.Metadata.NamespaceProperty])
                    .Contains(workload.Metadata.NamespaceProperty)
                && ScheduleChecks.MayWatch(policy, s.Metadata.NamespaceProperty, workload.Metadata.NamespaceProperty))
            .Select(ObjectKey.Of);
        return new ControllerHost<TestRunSchedule>(
                new CustomResourceSource<TestRunSchedule>(client, TestRun.Group, TestRun.Version, TestRunSchedule.Plural),
                reconciler,
                workers,
                new ControllerMetrics(metricFactory, Name),
                loggers.CreateLogger<ControllerHost<TestRunSchedule>>(),
                time)
            .Caches(schedules)
            .Owns(
                new CustomResourceSource<TestRun>(client, TestRun.Group, TestRun.Version, TestRun.Plural, ScheduledRuns.ScheduleLabel),
                ScheduledRuns.OwnerKey,
                runs)
            .Watches(new DeploymentSource(client), Watching, deployments)
            .Watches(new StatefulSetSource(client), Watching, statefulSets);
    }
}
