using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// <c>spec.ttlSecondsAfterFinished</c>: a finished TestRun is deleted that long after it finished, as the TTL
/// controller does for Jobs; its finalizer then removes what it left. Until then the cleanup decides.
/// </summary>
public static class ExpiryStage
{
    public static TestRunDecision Decide(
        TestRunObservation observation, TestRunStatus finished, TestRunDecision cleanup, DateTimeOffset now)
    {
        if (observation.Spec.TtlSecondsAfterFinished is not { } ttl)
        {
            return cleanup;
        }

        var due = (finished.CompletionTime ?? now) + TimeSpan.FromSeconds(ttl);
        if (now >= due)
        {
            return new TestRunDecision([new DeleteRun()], null, null);
        }

        var untilDue = due - now;
        return cleanup with { RequeueAfter = cleanup.RequeueAfter is { } sooner && sooner < untilDue ? sooner : untilDue };
    }
}
