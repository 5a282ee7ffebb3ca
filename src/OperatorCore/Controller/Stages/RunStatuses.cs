using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>The status of a run still in progress, from the one before it.</summary>
internal static class RunStatuses
{
    public static TestRunStatus InProgress(TestRun run, string phase, string message, DateTimeOffset now, EnvironmentStatus environment)
    {
        var previous = run.Status ?? new TestRunStatus();
        var generation = run.Metadata.Generation ?? 1;
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
