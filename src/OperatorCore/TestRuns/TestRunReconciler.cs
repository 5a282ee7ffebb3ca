using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using k8s.Autorest;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// The TestRun's parts of the one reconcile (<see cref="Reconciler{TResource,TStatus,TObservation,TDecision}"/>) against an
/// API server: observe the run and its children (<see cref="TestRunObserver"/>), decide (<see cref="TestRunDecider"/>),
/// act (<see cref="ChildActuator"/>), write the status whole, record an Event for each probe started and each transition.
/// </summary>
public sealed class TestRunReconciler(
    IKubernetes client,
    ObjectCache<TestRun> runs,
    ObjectCache<V1Job> jobs,
    ControllerSettings settings,
    EventRecorder events,
    OutcomeMetrics outcomes,
    ILogger logger,
    TimeProvider time) : Reconciler<TestRun, TestRunStatus, TestRunObservation, TestRunDecision>(time)
{
    private readonly TestRunObserver _observer = new(client, runs, jobs);
    private readonly ChildActuator _actuator = new(client);
    private readonly StatusWriter<TestRun, TestRunStatus> _status = new(client, TestRun.Group, TestRun.Version, TestRun.Plural);

    protected override async Task<TestRunObservation?> ObserveAsync(string key, CancellationToken cancellationToken) =>
        runs.Get(key) is { } cached ? await _observer.ObserveAsync(cached, cancellationToken) : null;

    protected override async Task<TestRunObservation?> ObserveCurrentAsync(TestRunObservation cached, CancellationToken cancellationToken)
    {
        var run = cached.Run;
        var fresh = await _observer.ReadRunAsync(run.Metadata.NamespaceProperty, run.Metadata.Name, cancellationToken);
        // A run newer than the cached one may stand elsewhere (a next run waits in the queue): observe it whole.
        return fresh is null ? null
            : fresh.Metadata.ResourceVersion == run.Metadata.ResourceVersion ? cached
            : await _observer.ObserveAsync(fresh, cancellationToken);
    }

    protected override TestRun ResourceOf(TestRunObservation observation) => observation.Run;

    /// <summary>A run whose deciding throws ends InvalidSpec instead of holding the queue (<see cref="RefusalStage"/>).</summary>
    protected override TestRunDecision Decide(TestRunObservation observation, DateTimeOffset now)
    {
        try
        {
            return TestRunDecider.Decide(observation, settings, now);
        }
        catch (Exception error) when (RefusalStage.IsUndecidable(error))
        {
            var run = observation.Run;
            logger.LogWarning("TestRun {Namespace}/{Name} cannot be decided: {Error}", run.Metadata.NamespaceProperty, run.Metadata.Name, error.GetType().Name);
            return RefusalStage.Undecidable(run, error, now);
        }
    }

    /// <summary>A child the API server refuses for good ends the run with its message, then the refusal is reported as the error it is.</summary>
    protected override async Task<TestRun> ActAsync(TestRunObservation observation, TestRunDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            return await _actuator.ApplyAsync(
                observation.Run, decision.Actions, action => RecordAction(observation.Run, action), cancellationToken);
        }
        catch (HttpOperationException error) when (RefusalStage.RefusedForGood(error))
        {
            var ended = RefusalStage.Refused(observation.Run, decision.Status, error, Time.GetUtcNow());
            if (await _status.ReplaceAsync(observation.Run, ended, cancellationToken))
            {
                RecordTransition(observation.Run, observation.Run.Status, ended);
            }

            throw;
        }
    }

    protected override Task<bool> WriteStatusAsync(TestRun resource, TestRunStatus status, CancellationToken cancellationToken) =>
        _status.ReplaceAsync(resource, status, cancellationToken);

    protected override void Record(TestRunObservation observation, TestRunDecision decision, bool statusWritten)
    {
        if (statusWritten)
        {
            RecordTransition(observation.Run, observation.Run.Status, decision.Status!);
        }
    }

    /// <summary>An Event for each probe Job started (retries say so) and for a removed namespace, once each took effect.</summary>
    private void RecordAction(TestRun run, ChildAction action)
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

    private void RecordTransition(TestRun run, TestRunStatus? before, TestRunStatus after)
    {
        if (after.Conditions.IsTrue(ConditionTypes.Finished) && before?.Conditions.IsTrue(ConditionTypes.Finished) != true)
        {
            outcomes.Finished(run.Metadata.NamespaceProperty, after);
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
