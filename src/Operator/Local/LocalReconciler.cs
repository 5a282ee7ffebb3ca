using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Local;

/// <summary>
/// The TestRun's parts of the one reconcile for the local run: the run is the manifest's object, its children are in the
/// <see cref="InMemoryCluster"/>, its status is replaced in place, and each new Ready message is told as progress.
/// </summary>
internal sealed class LocalReconciler(InMemoryCluster cluster, TestRun run, ControllerSettings settings, TimeProvider time)
    : Reconciler<TestRun, TestRunStatus, TestRunObservation, TestRunDecision>(time)
{
    private string? _said;

    /// <summary>Tells what the run is doing (its Ready condition's message, whenever it changes).</summary>
    public event Action<string>? Progress;

    protected override Task<TestRunObservation?> ObserveAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<TestRunObservation?>(cluster.Observe(run));

    protected override Task<TestRunObservation?> ObserveCurrentAsync(TestRunObservation cached, CancellationToken cancellationToken) =>
        Task.FromResult<TestRunObservation?>(cluster.Observe(run));

    protected override TestRun ResourceOf(TestRunObservation observation) => observation.Run;

    protected override TestRunDecision Decide(TestRunObservation observation, DateTimeOffset now) =>
        TestRunDecider.Decide(observation, settings, now);

    protected override async Task<TestRun> ActAsync(TestRunObservation observation, TestRunDecision decision, CancellationToken cancellationToken)
    {
        await cluster.ApplyAsync(run, decision.Actions, cancellationToken);
        return run;
    }

    protected override Task<bool> WriteStatusAsync(TestRun resource, TestRunStatus status, CancellationToken cancellationToken)
    {
        resource.Status = status;
        return Task.FromResult(true);
    }

    protected override void Record(TestRunObservation observation, TestRunDecision decision, bool statusWritten)
    {
        if (statusWritten && decision.Status!.Conditions.Find(ConditionTypes.Ready)?.Message is { Length: > 0 } message && message != _said)
        {
            Progress?.Invoke(_said = message);
        }
    }
}
