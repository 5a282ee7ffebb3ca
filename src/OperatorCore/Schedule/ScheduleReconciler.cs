using k8s;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedule;

/// <summary>
/// Observe (the schedule, its runs, the watched workloads), decide (<see cref="ScheduleDecider"/>, pure), act
/// (idempotent creates and deletes), record (the status through /status, an Event for each run started, replaced
/// and finished).
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
    TimeProvider time) : IReconciler
{
    /// <summary>The status fields a decision may leave out, which the patch must then remove.</summary>
    private static readonly string[] Clearable =
    [
        "lastScheduleTime", "lastTrigger", "queuedTrigger", "pendingRollouts", "workloads", "active", "results", "passRate", "scenarios",
        "flakyScenarios",
    ];

    private readonly StatusPatcher<TestRunSchedule> _status = new(client, TestRun.Group, TestRun.Version, TestRunSchedule.Plural);

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (schedules.Get(key) is not { } cached)
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var decision = ScheduleDecider.Decide(await observer.ObserveAsync(cached, cancellationToken), now);
        if (decision.Actions.Count == 0 && JsonEquality.Same(decision.Status, cached.Status))
        {
            return Requeue(decision);
        }

        if (await observer.ReadAsync(cached, cancellationToken) is not { } observation)
        {
            return ReconcileResult.Done;
        }

        decision = ScheduleDecider.Decide(observation, now);
        var schedule = observation.Schedule;
        foreach (var action in decision.Actions)
        {
            await ApplyAsync(schedule, action, cancellationToken);
        }

        var before = schedule.Status?.Results ?? [];
        if (await _status.PatchAsync(
                schedule,
                current => ScheduleDecider.Decide(observation with { Schedule = current }, now).Status,
                s => s.Status,
                cancellationToken,
                Clearable))
        {
            RecordVerdicts(schedule, before, decision.Status);
        }

        return Requeue(decision);
    }

    private static ReconcileResult Requeue(ScheduleDecision decision) =>
        decision.RequeueAfter is { } delay ? ReconcileResult.After(delay) : ReconcileResult.Done;

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
                    metrics.Started(start.Trigger);
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
