using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>The status of a run still in progress, from the one before it.</summary>
internal static class RunStatuses
{
    public static TestRunStatus InProgress(TestRun run, string phase, string message, DateTimeOffset now, EnvironmentStatus environment)
    {
        var previous = RerunStage.FirstRun(run, run.Status ?? new TestRunStatus());
        // The generation this run started with: an edit during the run makes it run again once it ends.
        var generation = previous.ObservedGeneration ?? run.Metadata.Generation ?? 1;
        return previous with
        {
            Phase = phase,
            ObservedGeneration = generation,
            Conditions = RunConditions.InProgress(phase, message, generation, now, previous.Conditions),
            StartTime = previous.StartTime ?? now,
            Environment = environment,
        };
    }
}
