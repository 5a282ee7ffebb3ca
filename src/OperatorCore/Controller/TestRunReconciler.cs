using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Controller.Stages;
using Netra.Operator.Core.Status;
using k8s.Autorest;

namespace Netra.Operator.Core.Controller;

/// <summary>
/// Observe (the run and its children), decide (<see cref="TestRunDecider"/>, pure), act (idempotent
/// creates and deletes), record (the status through /status, only when it changed, and an Event
/// for each transition).
/// </summary>
/// <remarks>
/// Most reconciles, woken by the watch events of the reconciler's own writes, change nothing; they
/// decide from the watch cache and cost no API call. A decision that changes something is made
/// again from the run as the API server has it, so nothing is done on the strength of a cached
/// copy that is out of date.
/// </remarks>
public sealed class TestRunReconciler(
    IKubernetes client,
    ObjectCache<TestRun> runs,
    ObjectCache<V1Job> jobs,
    ControllerSettings settings,
    EventRecorder events,
    OutcomeMetrics outcomes,
    ILogger logger,
    TimeProvider time) : IReconciler
{
    private readonly TestRunObserver _observer = new(client, runs, jobs);
    private readonly ChildActuator _actuator = new(client);
    private readonly StatusPatcher<TestRun> _status = new(client, TestRun.Group, TestRun.Version, TestRun.Plural);

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (runs.Get(key) is not { } cached)
        {
            return ReconcileResult.Done;
        }

        try
        {
            return await ReconcileRunAsync(key, cached, cancellationToken);
        }
        catch (Exception error) when (error is not (OperationCanceledException or HttpOperationException or HttpRequestException
            or TimeoutException or IOException))
        {
            return await EndUndecidableAsync(cached, error, cancellationToken);
        }
    }

    /// <summary>
    /// A run the operator cannot decide (an exception of its own, not of the API server) ends Failed with reason
    /// InvalidSpec, once, instead of being retried for ever and holding the queue.
    /// </summary>
    private async Task<ReconcileResult> EndUndecidableAsync(TestRun run, Exception error, CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "TestRun {Namespace}/{Name} cannot be decided: {Error}", run.Metadata.NamespaceProperty, run.Metadata.Name, error.GetType().Name);
        if (run.Status is { Phase: Phases.Succeeded or Phases.Failed })
        {
            return ReconcileResult.Done;
        }

        var ended = InitializeStage.Undecidable(run, error, time.GetUtcNow());
        if (await _status.PatchAsync(run, _ => ended, r => r.Status, cancellationToken))
        {
            RecordTransition(run, run.Status, ended);
        }

        return ReconcileResult.Done;
    }

    private async Task<ReconcileResult> ReconcileRunAsync(string key, TestRun cached, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var observation = await _observer.ObserveAsync(cached, cancellationToken);
        var decision = TestRunDecider.Decide(observation, settings, now);
        if (ChangesNothing(decision, observation.Run))
        {
            return Requeue(decision);
        }

        var (ns, name) = ObjectKey.Parse(key);
        if (await _observer.ReadRunAsync(ns, name, cancellationToken) is not { } fresh)
        {
            return ReconcileResult.Done;
        }

        if (fresh.Metadata.ResourceVersion != cached.Metadata.ResourceVersion)
        {
            observation = observation.WithRun(fresh);
            decision = TestRunDecider.Decide(observation, settings, now);
        }

        var before = observation.Run.Status;
        TestRun run;
        try
        {
            run = await _actuator.ApplyAsync(observation.Run, decision.Actions, cancellationToken);
        }
        catch (HttpOperationException error) when (InitializeStage.RefusedForGood(error))
        {
            var ended = InitializeStage.Refused(observation.Run, decision.Status, error, now);
            if (await _status.PatchAsync(observation.Run, _ => ended, r => r.Status, cancellationToken))
            {
                RecordTransition(observation.Run, before, ended);
            }

            return ReconcileResult.After(TimeSpan.Zero);
        }

        RecordActions(run, decision.Actions);

        if (decision.Status is not null
            && await _status.PatchAsync(
                run,
                current => TestRunDecider.Decide(observation.WithRun(current), settings, now).Status,
                r => r.Status,
                cancellationToken))
        {
            RecordTransition(run, before, decision.Status);
        }

        return Requeue(decision);
    }

    private static ReconcileResult Requeue(TestRunDecision decision) =>
        decision.RequeueAfter is { } delay ? ReconcileResult.After(delay) : ReconcileResult.Done;

    private static bool ChangesNothing(TestRunDecision decision, TestRun run) =>
        decision.Actions.Count == 0 && (decision.Status is null || JsonEquality.Same(decision.Status, run.Status));

    /// <summary>An Event for each probe Job started (retries say so) and for a removed namespace.</summary>
    private void RecordActions(TestRun run, IReadOnlyList<ChildAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case DeleteNamespace removed:
                    events.Record(run, EventRecorder.Normal, "EnvironmentRemoved", $"Namespace {removed.Name} deleted.");
                    break;
                case CreateChild { Child: V1Job job } when job.Metadata.Labels.TryGetValue(ChildNames.ScenarioLabel, out var scenario):
                    var attempt = job.Metadata.Labels[ChildNames.AttemptLabel];
                    var (reason, verb) = attempt == "1" ? ("ProbeStarted", "Probing") : ("ProbeRetried", "Retrying");
                    events.Record(run, EventRecorder.Normal, reason, $"{verb} {scenario} (attempt {attempt}) in Job {job.Metadata.Name}.");
                    break;
            }
        }
    }

    private void RecordTransition(TestRun run, TestRunStatus? before, TestRunStatus after)
    {
        if (after.Conditions.IsTrue(ConditionTypes.Finished) && before?.Conditions.IsTrue(ConditionTypes.Finished) != true)
        {
            outcomes.Finished(after);
        }

        var stalled = after.Conditions.IsTrue(ConditionTypes.Stalled) ? after.Conditions.Find(ConditionTypes.Stalled) : null;
        var wasStalled = before?.Conditions.IsTrue(ConditionTypes.Stalled) == true ? before.Conditions.Find(ConditionTypes.Stalled) : null;
        if (after.Phase != before?.Phase || (stalled is not null && stalled.Message != wasStalled?.Message))
        {
            var message = after.Conditions.Find(ConditionTypes.Ready)?.Message ?? string.Empty;
            var reason = stalled?.Reason ?? after.Phase ?? "Unknown";
            logger.LogInformation(
                "TestRun {Namespace}/{Name}: {Phase} ({Reason})", run.Metadata.NamespaceProperty, run.Metadata.Name, after.Phase, reason);
            events.Record(run, stalled is null ? EventRecorder.Normal : EventRecorder.Warning, reason, message);
        }
    }
}
