using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Prometheus;

namespace Netra.Operator.Core.TestRuns;

/// <summary>The TestRun controller: TestRuns watched and cached; the Jobs they own, each queuing its run and kept in a cache.</summary>
public static class TestRunController
{
    public const string Name = "testrun";

    public static ControllerHost<TestRun> Create(
        IKubernetes client,
        ControllerSettings settings,
        EventRecorder events,
        IMetricFactory metricFactory,
        ControllerMetrics metrics,
        ILoggerFactory loggers,
        int workers,
        TimeProvider time)
    {
        var runs = new ObjectCache<TestRun>(keep: CachedRuns.Keep);
        var jobs = new ObjectCache<V1Job>(TestRunObserver.JobIndex);
        var reconciler = new TestRunReconciler(
            client, runs, jobs, settings, events, new OutcomeMetrics(metricFactory), loggers.CreateLogger<TestRunReconciler>(), time);
        return new ControllerHost<TestRun>(
                new CustomResourceSource<TestRun>(client, TestRun.Group, TestRun.Version, TestRun.Plural),
                reconciler,
                workers,
                metrics,
                loggers.CreateLogger<ControllerHost<TestRun>>(),
                time)
            .Caches(runs)
            .Owns(new JobSource(client, ChildNames.ManagedSelector), TestRunObserver.JobIndex, jobs);
    }
}
