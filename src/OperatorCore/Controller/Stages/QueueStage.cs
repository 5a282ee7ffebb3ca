using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// A run that has not started waits, Pending with reason Queued, while as many runs as the installer allows are in
/// progress in its namespace or in the cluster (<see cref="Tenancy.TenantPolicy"/>); its timeout counts from its
/// start, not from its creation. It is looked at again every poll interval, first come first served.
/// </summary>
public static class QueueStage
{
    public static TestRunStatus? Waiting(TestRunObservation observation, ControllerSettings settings, DateTimeOffset now)
    {
        var run = observation.Run;
        if (run.Status?.StartTime is not null
            || observation.Queue.WaitReason(settings.Policy, run.Metadata.NamespaceProperty) is not { } why)
        {
            return null;
        }

        var previous = RerunStage.FirstRun(run, run.Status ?? new TestRunStatus());
        var generation = previous.ObservedGeneration ?? run.Metadata.Generation ?? 1;
        return previous with
        {
            Phase = Phases.Pending,
            ObservedGeneration = generation,
            Conditions = RunConditions.InProgress(Reasons.Queued, why, generation, now, previous.Conditions),
        };
    }
}
