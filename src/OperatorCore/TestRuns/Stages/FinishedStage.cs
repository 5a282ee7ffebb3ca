using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>A finished run: it runs again when asked (<see cref="RerunStage"/>); otherwise it expires or is cleaned up.</summary>
public static class FinishedStage
{
    public static TestRunDecision? Decide(TestRunObservation observation, DecisionContext context)
    {
        if (observation.Run.Status is not { Phase: Phases.Succeeded or Phases.Failed } finished)
        {
            return null;
        }

        return RunStatuses.RerunRequested(observation.Run, finished)
            ? RerunStage.Decide(observation, finished, context.Now)
            : ExpiryStage.Decide(observation, finished, CleanupStage.AfterCompletion(observation, finished, context.Settings, context.Now), context.Now);
    }
}
