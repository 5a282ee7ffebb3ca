using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// Removal of an Ephemeral run's namespace per <c>spec.cleanup</c>: after completion once
/// <c>ttlSecondsAfterFinished</c> has passed, or when the run is deleted (then without waiting).
/// <c>OnSuccess</c> keeps the namespace of a run that did not succeed, for a look at what went wrong.
/// </summary>
public static class CleanupStage
{
    public const string RemovedState = "Removed";

    public static bool PolicyRemoves(TestRunSpec spec, string? phase) => spec.Cleanup?.Policy switch
    {
        CleanupPolicies.Always => true,
        CleanupPolicies.OnSuccess => phase == Phases.Succeeded,
        _ => false,
    };

    /// <summary>After completion: delete when due, or come back when it will be.</summary>
    public static TestRunDecision AfterCompletion(TestRunObservation observation, DateTimeOffset now)
    {
        var run = observation.Run;
        var status = run.Status!;
        if (run.Spec.Environment.Mode != EnvironmentModes.Ephemeral || !PolicyRemoves(run.Spec, status.Phase))
        {
            return TestRunDecision.Nothing;
        }

        var removed = status with { Environment = status.Environment! with { DeployState = RemovedState } };
        if (observation.EnvironmentNamespace != ChildPresence.Present)
        {
            return new TestRunDecision([], removed, null);
        }

        var due = (status.CompletionTime ?? now) + TimeSpan.FromSeconds(run.Spec.Cleanup?.TtlSecondsAfterFinished ?? 0);
        return now >= due
            ? new TestRunDecision([new DeleteNamespace(ChildNames.EnvironmentNamespace(run))], removed, null)
            : new TestRunDecision([], null, due - now);
    }

    /// <summary>The run is being deleted: remove what the policy says, then let it go.</summary>
    public static TestRunDecision OnDeletion(TestRunObservation observation)
    {
        var run = observation.Run;
        if (!(run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer))
        {
            return TestRunDecision.Nothing;
        }

        var removeNamespace = observation.EnvironmentNamespace == ChildPresence.Present
            && run.Spec.Cleanup?.Policy switch
            {
                CleanupPolicies.Always => true,
                CleanupPolicies.OnSuccess => run.Status?.Phase != Phases.Failed,
                _ => false,
            };
        return new TestRunDecision(
            removeNamespace ? [new DeleteNamespace(ChildNames.EnvironmentNamespace(run)), new RemoveFinalizer()] : [new RemoveFinalizer()],
            null,
            null);
    }
}
