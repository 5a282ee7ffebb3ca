namespace Netra.ControllerRuntime;

/// <summary>
/// One step of a pure decision: from the observation and the decision's context, a decision, or null to let the next
/// stage decide. A stage may leave work in the context for the decision that follows (a finalizer to add first).
/// </summary>
public delegate TDecision? Stage<in TObservation, in TContext, TDecision>(TObservation observation, TContext context)
    where TDecision : class;

/// <summary>The one way stages are run: in order, the first decision wins.</summary>
public static class StagedDecision
{
    public static TDecision First<TObservation, TContext, TDecision>(
        IReadOnlyList<Stage<TObservation, TContext, TDecision>> stages, TObservation observation, TContext context)
        where TDecision : class
    {
        foreach (var stage in stages)
        {
            if (stage(observation, context) is { } decision)
            {
                return decision;
            }
        }

        throw new InvalidOperationException("The last stage must always decide.");
    }
}
