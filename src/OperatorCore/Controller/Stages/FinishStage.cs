using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>The final status: Succeeded only when every case that ran passed and at least one did.</summary>
public static class FinishStage
{
    public static TestRunStatus Completed(TestRun run, IReadOnlyList<ScenarioOutcome> outcomes, EnvironmentStatus environment, DateTimeOffset now)
    {
        var summary = ResultsStatus.Summarize(outcomes);
        var succeeded = summary.Failed == 0 && summary.Passed > 0;
        var message = $"{summary.Passed} of {summary.Total} cases passed, {summary.Failed} failed, {summary.Skipped} skipped.";
        var firstFailure = outcomes.SelectMany(o => o.FailedCases).FirstOrDefault();
        if (firstFailure is not null)
        {
            message += $" First failure: {firstFailure.Id}: {firstFailure.Message}";
        }

        return Ended(run, succeeded ? null : Reasons.TestsFailed, message, now, environment) with
        {
            Summary = summary,
            Scenarios = ResultsStatus.Scenarios(outcomes),
        };
    }

    public static TestRunStatus Failed(TestRun run, string reason, string message, EnvironmentStatus environment, DateTimeOffset now) =>
        Ended(run, reason, message, now, environment);

    private static TestRunStatus Ended(TestRun run, string? failureReason, string message, DateTimeOffset now, EnvironmentStatus environment)
    {
        var previous = run.Status ?? new TestRunStatus();
        var generation = run.Metadata.Generation ?? 1;
        var started = previous.StartTime ?? now;
        return previous with
        {
            Phase = failureReason is null ? Phases.Succeeded : Phases.Failed,
            ObservedGeneration = generation,
            Conditions = failureReason is null
                ? RunConditions.Succeeded(message, generation, now, previous.Conditions)
                : RunConditions.Failed(failureReason, message, generation, now, previous.Conditions),
            StartTime = started,
            CompletionTime = now,
            Duration = GoDuration.Format(now - started),
            Environment = environment,
        };
    }
}
