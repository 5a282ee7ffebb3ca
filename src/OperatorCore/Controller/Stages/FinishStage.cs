using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// The final status: Succeeded only when every case that ran passed and at least one did. A run that ends
/// otherwise keeps the results of the scenarios that finished; the others are listed as not run.
/// </summary>
public static class FinishStage
{
    public static TestRunStatus Completed(
        TestRun run, IReadOnlyList<ScenarioOutcome> outcomes, EnvironmentStatus environment, DateTimeOffset now)
    {
        var summary = ResultsStatus.Summarize(outcomes);
        var succeeded = summary.Failed == 0 && summary.Passed > 0;
        return Ended(run, succeeded ? null : Reasons.TestsFailed, Describe(summary, outcomes), now, environment, outcomes);
    }

    public static TestRunStatus Failed(
        TestRun run,
        string reason,
        string message,
        EnvironmentStatus environment,
        DateTimeOffset now,
        IReadOnlyList<ScenarioOutcome>? partial = null)
    {
        if (partial is null || partial.All(o => !o.Ran))
        {
            return Ended(run, reason, message, now, environment, partial);
        }

        var finished = partial.Count(o => o.Ran);
        var summary = ResultsStatus.Summarize(partial);
        var described = $"{message} {finished} of {partial.Count} scenarios finished: {Describe(summary, partial)}";
        return Ended(run, reason, described, now, environment, partial);
    }

    private static string Describe(TestSummary summary, IReadOnlyList<ScenarioOutcome> outcomes)
    {
        var message = $"{summary.Passed} of {summary.Total} cases passed, {summary.Failed} failed, {summary.Skipped} skipped.";
        var firstFailure = outcomes.SelectMany(o => o.FailedCases).FirstOrDefault();
        return firstFailure is null ? message : $"{message} First failure: {firstFailure.Id}: {firstFailure.Message}";
    }

    private static TestRunStatus Ended(
        TestRun run,
        string? failureReason,
        string message,
        DateTimeOffset now,
        EnvironmentStatus environment,
        IReadOnlyList<ScenarioOutcome>? outcomes)
    {
        var previous = RerunStage.FirstRun(run, run.Status ?? new TestRunStatus());
        // The generation this run started with: an edit during the run makes it run again once it ends.
        var generation = previous.ObservedGeneration ?? run.Metadata.Generation ?? 1;
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
            Summary = outcomes is null ? previous.Summary : ResultsStatus.Summarize(outcomes),
            Scenarios = outcomes is null ? previous.Scenarios : ResultsStatus.Scenarios(outcomes),
        };
    }
}
