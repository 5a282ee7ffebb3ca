using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Operator.Core.TestRuns.Tested;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// The pure heart of the controller: from what was observed and the time, the next status, the children to create or
/// remove and when to look again. Phases go Pending → Deploying (Ephemeral only) → Probing → Succeeded or Failed, and
/// from a finished run to the next run when it is asked to run again. Each stage has the same shape; the first to
/// decide wins. Nothing here talks to the API server: the operator in a cluster and the local run both drive it.
/// </summary>
public static class TestRunDecider
{
    private static readonly Stage<TestRunObservation, DecisionContext, TestRunDecision>[] Ordered =
    [
        DeletionStage.Decide,   // being deleted: its namespace goes, then the finalizer
        FinishedStage.Decide,   // finished: run again, expire, or clean up
        AdmissionStage.Decide,  // a spec that cannot run, or that the installer does not allow, ends at once
        QueueStage.Decide,      // not started while the caps are full: Queued
        FinalizerStage.Decide,  // an Ephemeral run gets the finalizer that removes its namespace
        TimeoutStage.Decide,    // out of time: TimedOut, what finished kept
        DeployStage.Decide,     // Ephemeral: namespace, guards, deploy Job
        ProbeStage.Decide,      // probe Jobs until every scenario is done
    ];

    public static TestRunDecision Decide(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var context = new DecisionContext(settings, now);
        return TestedRecord.OnFinish(observation, context.Complete(StagedDecision.First(Ordered, observation, context)), settings);
    }

    /// <summary>
    /// A run stopped from outside before it finished (Ctrl-C of the local run): Failed with reason Cancelled, the
    /// scenarios that finished kept, the others listed as not run.
    /// </summary>
    public static TestRunStatus Cancelled(TestRunObservation observation, ControllerSettings settings, string why, DateTimeOffset now)
    {
        var environment = observation.Run.Status?.Environment ?? new EnvironmentStatus();
        var cancelled = RunStatuses.Failed(
            observation.Run, Status.Reasons.Cancelled, RunMessages.Cancelled(why), environment, now, ProbeStage.Outcomes(observation));
        return TestedRecord.OnFinish(observation, TestRunDecision.Ended(cancelled), settings).Status!;
    }
}
