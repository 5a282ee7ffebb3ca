namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// The run is being deleted: its namespace goes whatever the cleanup policy (a policy keeps it for a look while the run
/// is there, not after it), then the run is let go.
/// </summary>
public static class DeletionStage
{
    public static TestRunDecision? Decide(TestRunObservation observation, DecisionContext context)
    {
        var run = observation.Run;
        if (run.Metadata.DeletionTimestamp is null)
        {
            return null;
        }

        if (!(run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer))
        {
            return TestRunDecision.Nothing;
        }

        return new TestRunDecision(
            observation.EnvironmentNamespace == ChildPresence.Present
                ? [new DeleteNamespace(ChildNames.EnvironmentNamespace(run)), new RemoveFinalizer()]
                : [new RemoveFinalizer()],
            null,
            null);
    }
}
