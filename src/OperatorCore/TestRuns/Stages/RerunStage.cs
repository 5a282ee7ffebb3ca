using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// A finished run runs again when its spec changed since it started (a newer generation) or when the
/// <c>netra.io/rerun</c> annotation got a new value. An Ephemeral run's namespace goes first; then the status starts over
/// as the next run (<see cref="RunStatuses.NextRun"/>), queued like any run.
/// </summary>
public static class RerunStage
{
    public static TestRunDecision Decide(TestRunObservation observation, TestRunStatus finished, DateTimeOffset now)
    {
        switch (observation.EnvironmentNamespace)
        {
            case ChildPresence.Present:
                return new TestRunDecision(
                    [new DeleteNamespace(ChildNames.EnvironmentNamespace(observation.Run))], null, CleanupStage.TerminatingPollInterval);
            case ChildPresence.Terminating:
                return new TestRunDecision([], null, CleanupStage.TerminatingPollInterval);
        }

        return new TestRunDecision([], RunStatuses.NextRun(observation.Run, finished, now), TimeSpan.Zero);
    }
}
