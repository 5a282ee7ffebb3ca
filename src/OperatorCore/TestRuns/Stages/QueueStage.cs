namespace Netra.Operator.Core.TestRuns.Stages;

/// <summary>
/// A run that has not started (a new run, or the next run of a finished one) waits, Pending with reason Queued, while as
/// many runs as the installer allows are in progress in its namespace or in the cluster (<see cref="Tenancy.TenantPolicy"/>);
/// its timeout counts from its start, not from its creation. It is looked at again every poll interval.
/// </summary>
public static class QueueStage
{
    public static TestRunDecision? Decide(TestRunObservation observation, DecisionContext context)
    {
        var run = observation.Run;
        if (run.Status?.StartTime is not null
            || observation.Queue.WaitReason(context.Settings.Policy, run.Metadata.NamespaceProperty) is not { } why)
        {
            return null;
        }

        return new TestRunDecision([], RunStatuses.Queued(run, why, context.Now), context.Settings.PollInterval);
    }
}
