namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>An Ephemeral run gets the finalizer that will remove its namespace, first thing in whatever is decided next.</summary>
public static class FinalizerStage
{
    public static TestRunDecision? Decide(TestRunObservation observation, DecisionContext context)
    {
        if (observation.Spec.Ephemeral && !(observation.Run.Metadata.Finalizers ?? []).Contains(ChildNames.Finalizer))
        {
            context.First(new AddFinalizer());
        }

        return null;
    }
}
