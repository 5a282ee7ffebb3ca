using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// The schedule's parts of the one reconcile (<see cref="Reconciler{TResource,TStatus,TObservation,TDecision}"/>): observe
/// the schedule, its runs and the watched workloads (<see cref="ScheduleObserver"/>), decide (<see cref="ScheduleDecider"/>),
/// act (idempotent creates and deletes, an Event for each run started or replaced), write the status whole, record an
/// Event and the metrics for each run's result.
/// </summary>
/// <remarks>
/// A decision that changes something is made again from the schedule and its runs as the API server has them: a run
/// created a moment ago may not be in the watch cache yet, and Forbid must see it.
/// </remarks>
public sealed class ScheduleReconciler(
    IKubernetes client,
    ObjectCache<TestRunSchedule> schedules,
    ScheduleObserver observer,
    EventRecorder events,
    ScheduleMetrics metrics,
    ILogger logger,
    TimeProvider time) : Reconciler<TestRunSchedule, TestRunScheduleStatus, ScheduleObservation, ScheduleDecision>(time)
{
    private readonly StatusWriter<TestRunSchedule, TestRunScheduleStatus> _status =
        new(client, TestRun.Group, TestRun.Version, TestRunSchedule.Plural);

    protected override async Task<ScheduleObservation?> ObserveAsync(string key, CancellationToken cancellationToken) =>
        schedules.Get(key) is { } cached ? await observer.ObserveAsync(cached, cancellationToken) : null;

    protected override Task<ScheduleObservation?> ObserveCurrentAsync(ScheduleObservation cached, CancellationToken cancellationToken) =>
        observer.ReadAsync(cached.Schedule, cancellationToken);

    protected override TestRunSchedule ResourceOf(ScheduleObservation observation) => observation.Schedule;

    protected override ScheduleDecision Decide(ScheduleObservation observation, DateTimeOffset now) => ScheduleDecider.Decide(observation, now);

    protected override async Task<TestRunSchedule> ActAsync(
        ScheduleObservation observation, ScheduleDecision decision, CancellationToken cancellationToken)
    {
        foreach (var action in decision.Actions)
        {
            await ApplyAsync(observation.Schedule, action, cancellationToken);
        }

        return observation.Schedule;
    }

    protected override Task<bool> WriteStatusAsync(TestRunSchedule resource, TestRunScheduleStatus status, CancellationToken cancellationToken) =>
        _status.ReplaceAsync(resource, status, cancellationToken);

    protected override void Record(ScheduleObservation observation, ScheduleDecision decision, bool statusWritten)
    {
        if (statusWritten)
        {
            RecordVerdicts(observation.Schedule, observation.Schedule.Status?.Results ?? [], decision.Status);
            RecordRegression(observation.Schedule, observation.Schedule.Status?.Regression, decision.Status.Regression);
        }
    }

    /// <summary>A Warning Event once per regression: when the status written names a first failing run it did not name before.</summary>
    private void RecordRegression(TestRunSchedule schedule, ScheduleRegression? before, ScheduleRegression? after)
    {
        if (after is not null && after.Run != before?.Run)
        {
            events.Record(schedule, EventRecorder.Warning, "Regression", Regressions.Message(after));
        }
    }

    private async Task ApplyAsync(TestRunSchedule schedule, ScheduleAction action, CancellationToken cancellationToken)
    {
        var ns = schedule.Metadata.NamespaceProperty;
        switch (action)
        {
            case StartRun start:
                var created = await ApiErrors.CreateIfAbsentAsync(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(
                    start.Run, TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: cancellationToken));
                if (created)
                {
                    metrics.Started(schedule, start.Trigger);
                    var started = $"Started TestRun {start.Run.Metadata.Name}: {Describe(start.Trigger)}.";
                    events.Record(schedule, EventRecorder.Normal, "RunStarted", started);
                    logger.LogInformation("TestRunSchedule {Namespace}/{Name}: started {Run} ({Trigger})",
                        ns, schedule.Metadata.Name, start.Run.Metadata.Name, start.Trigger.Reason);
                }

                break;
            case DeleteScheduledRun delete:
                await ApiErrors.DeleteIfPresentAsync(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    TestRun.Group, TestRun.Version, ns, TestRun.Plural, delete.Name, cancellationToken: cancellationToken));
                if (delete.Why == DeleteScheduledRun.Replaced)
                {
                    var replaced = $"Deleted active TestRun {delete.Name} to start a newer one.";
                    events.Record(schedule, EventRecorder.Normal, "RunReplaced", replaced);
                }

                break;
            case WriteVerdict write:
                await WriteVerdictAsync(write.Verdict, cancellationToken);
                break;
        }
    }

    /// <summary>A merge patch of the one annotation (nothing else of the workload is touched), then the Event on it.</summary>
    private async Task WriteVerdictAsync(WorkloadVerdict verdict, CancellationToken cancellationToken)
    {
        var (kind, ns, name) = (verdict.Workload.Kind, verdict.Workload.Namespace, verdict.Workload.Name);
        var annotations = new JsonObject { [VerdictWriteback.Annotation] = verdict.Value };
        var patch = new V1Patch(
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } }.ToJsonString(),
            V1Patch.PatchType.MergePatch);
        try
        {
            IKubernetesObject<V1ObjectMeta> patched = kind == WorkloadKinds.Deployment
                ? await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, cancellationToken: cancellationToken)
                : await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, ns, cancellationToken: cancellationToken);
            patched.ApiVersion ??= "apps/v1";
            patched.Kind ??= kind;
            events.Record(patched, verdict.Passed ? EventRecorder.Normal : EventRecorder.Warning, verdict.Reason, verdict.Message);
        }
        catch (Exception error) when (ApiErrors.IsNotFound(error))
        {
            logger.LogInformation("{Kind} {Namespace}/{Name} is gone: its verdict is not written", kind, ns, name);
        }
    }

    /// <summary>An Event and the metrics for each run whose result the status now holds for the first time.</summary>
    private void RecordVerdicts(TestRunSchedule schedule, IReadOnlyList<ScheduledRunResult> before, TestRunScheduleStatus after)
    {
        foreach (var result in after.Results.Where(r => !before.Any(b => b.Name == r.Name)))
        {
            metrics.Finished(schedule, result, after);
            var (type, reason) = result.Phase == Phases.Succeeded
                ? (EventRecorder.Normal, "RunSucceeded")
                : (EventRecorder.Warning, "RunFailed");
            var failed = result.FailedScenarios.Count > 0 ? $"; failed: {string.Join(", ", result.FailedScenarios)}" : string.Empty;
            events.Record(schedule, type, reason, $"TestRun {result.Name} {result.Phase}{failed}. Pass rate {after.PassRate}%.");
        }
    }

    private static string Describe(RunTrigger trigger) => trigger.Workloads.Count == 0
        ? $"{trigger.Reason} at {trigger.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
        : $"{trigger.Reason} of {string.Join(", ", trigger.Workloads.Select(w => $"{w.Kind} {w.Namespace}/{w.Name}@{w.Revision}"))}";
}
