using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// A run past its timeout, counted from its own start, ends TimedOut: the scenarios that finished are kept, the others
/// listed as not run.
/// </summary>
public static class TimeoutStage
{
    public static TestRunDecision? Decide(TestRunObservation observation, DecisionContext context)
    {
        if (context.Remaining(observation) > TimeSpan.Zero)
        {
            return null;
        }

        var run = observation.Run;
        var spec = observation.Spec;
        var environment = spec.Ephemeral
            ? new EnvironmentStatus { Namespace = ChildNames.EnvironmentNamespace(run), DeployState = run.Status?.Environment?.DeployState }
            : new EnvironmentStatus { DeployState = DeployStates.External };
        var status = RunStatuses.Failed(
            run, Reasons.TimedOut, RunMessages.TimedOut(spec.Timeout), environment, context.Now, ProbeStage.Outcomes(observation));
        return ResultsStage.EndedWithResults(observation, status, context.Now);
    }
}
