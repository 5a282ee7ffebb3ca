using k8s;
using Microsoft.Extensions.Logging;
using Netra.Operator.Api.V1Alpha1;
using Netra.Operator.Runtime;

namespace Netra.Operator.Controller;

/// <summary>
/// Observe (the run and its children), decide (<see cref="TestRunDecider"/>, pure), act (idempotent
/// creates and deletes), record (the status through /status, only when it changed, and an Event
/// for each transition).
/// </summary>
public sealed class TestRunReconciler(IKubernetes client, ControllerSettings settings, EventRecorder events, ILogger logger, TimeProvider time) : IReconciler
{
    private readonly TestRunObserver _observer = new(client);
    private readonly ChildActuator _actuator = new(client);
    private readonly StatusPatcher<TestRun> _status = new(client, TestRun.Group, TestRun.Version, TestRun.Plural);

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Parse(key);
        var observation = await _observer.ObserveAsync(ns, name, cancellationToken);
        if (observation is null)
        {
            return ReconcileResult.Done;
        }

        var before = observation.Run.Status;
        var now = time.GetUtcNow();
        var decision = TestRunDecider.Decide(observation, settings, now);
        var run = await _actuator.ApplyAsync(observation.Run, decision.Actions, cancellationToken);
        if (decision.Actions.OfType<DeleteNamespace>().FirstOrDefault() is { } removed)
        {
            await events.RecordAsync(run, EventRecorder.Normal, "EnvironmentRemoved", $"Namespace {removed.Name} deleted.", cancellationToken);
        }

        if (decision.Status is not null
            && await _status.PatchAsync(run, fresh => TestRunDecider.Decide(observation with { Run = fresh }, settings, now).Status, r => r.Status, cancellationToken))
        {
            await RecordTransitionAsync(run, before, decision.Status, cancellationToken);
        }

        return decision.RequeueAfter is { } delay ? ReconcileResult.After(delay) : ReconcileResult.Done;
    }

    private async Task RecordTransitionAsync(TestRun run, TestRunStatus? before, TestRunStatus after, CancellationToken cancellationToken)
    {
        var stalled = after.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Stalled && c.Status == ConditionStatuses.True);
        var wasStalled = before?.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Stalled && c.Status == ConditionStatuses.True);
        if (after.Phase != before?.Phase || (stalled is not null && stalled.Message != wasStalled?.Message))
        {
            var message = after.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Message ?? string.Empty;
            var reason = stalled?.Reason ?? after.Phase ?? "Unknown";
            logger.LogInformation("TestRun {Namespace}/{Name}: {Phase} ({Reason})", run.Metadata.NamespaceProperty, run.Metadata.Name, after.Phase, reason);
            await events.RecordAsync(run, stalled is null ? EventRecorder.Normal : EventRecorder.Warning, reason, message, cancellationToken);
        }
    }
}
