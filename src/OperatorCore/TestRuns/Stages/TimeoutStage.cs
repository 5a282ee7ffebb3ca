using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns.Evidence;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// A run past its timeout, counted from its own start, ends TimedOut: the scenarios that finished are kept, the others
/// listed as not run; a deploy still going keeps its <see cref="DeployEvidence"/>, as a failed one does.
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
        // A deploy still going when the time ran out keeps what helm and the pods said, as a failed deploy does.
        var evidence = DeployEvidence.Of(observation, timedOut: true);
        var timedOut = RunMessages.TimedOut(spec.Timeout);
        var message = evidence is null ? timedOut : RunMessages.WithEvidence(timedOut, run);
        var status = RunStatuses.Failed(run, Reasons.TimedOut, message, environment, context.Now, ProbeStage.Outcomes(observation));
        return evidence is null
            ? ResultsStage.EndedWithResults(observation, status, context.Now)
            : ResultsStage.EndedWithDeployEvidence(status, run, evidence);
    }
}
