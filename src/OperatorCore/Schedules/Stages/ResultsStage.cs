using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules.Stages;

/// <summary>The latest finished runs, newest first, at most <see cref="Limit"/>: each run recorded once, when it finishes.</summary>
public static class ResultsStage
{
    public const int Limit = 10;

    /// <summary>Records the results and sums them up, prunes the history, and notes the runs still active; never decides.</summary>
    public static ScheduleDecision? Decide(ScheduleObservation observation, ScheduleContext context)
    {
        var results = Record(context.Before.Results, observation.Runs);
        var scenarios = Flakiness.Scenarios(results);
        context.Status = context.Status with
        {
            ObservedGeneration = context.Generation,
            Results = results,
            PassRate = Flakiness.PassRate(results),
            Scenarios = scenarios,
            FlakyScenarios = scenarios.Count(s => s.Flaky),
            Regression = Regressions.Decide(results, context.Before.Regression),
        };
        context.Actions.AddRange(HistoryStage.Prune(observation.Runs, context.Before.Results, observation.Spec));
        context.Active = [.. observation.Runs.Where(r => !ScheduledRuns.IsFinished(r) && r.Metadata.DeletionTimestamp is null)];
        return null;
    }

    public static IReadOnlyList<ScheduledRunResult> Record(IReadOnlyList<ScheduledRunResult> recorded, IEnumerable<TestRun> runs)
    {
        var fresh = runs.Where(ScheduledRuns.IsFinished).Where(run => !IsRecorded(run, recorded)).Select(Result);
        return [.. recorded.Concat(fresh)
            .OrderByDescending(r => r.CompletionTime)
            .ThenByDescending(r => r.Name, StringComparer.Ordinal)
            .Take(Limit)];
    }

    /// <summary>
    /// In the results, or older than all of them once they are full (dropped off the end, never to be added again).
    /// </summary>
    public static bool IsRecorded(TestRun run, IReadOnlyList<ScheduledRunResult> recorded) =>
        recorded.Any(r => r.Name == run.Metadata.Name)
        || (recorded.Count >= Limit && CompletionOf(run) <= recorded.Min(r => r.CompletionTime));

    private static ScheduledRunResult Result(TestRun run) => new()
    {
        Name = run.Metadata.Name,
        Phase = run.Status!.Phase!,
        Trigger = run.Metadata.Labels?.TryGetValue(ScheduledRuns.TriggerLabel, out var trigger) == true ? trigger : null,
        CompletionTime = CompletionOf(run),
        FailedScenarios = [.. run.Status.Scenarios.Where(s => s.Result == ScenarioResults.Failed).Select(s => s.Name)],
        PassedScenarios = [.. run.Status.Scenarios.Where(s => ScenarioResults.Passing(s.Result)).Select(s => s.Name)],
        FlakyScenarios = [.. run.Status.Scenarios.Where(s => s.Result == ScenarioResults.Flaky).Select(s => s.Name)],
        Tested = run.Status.Tested,
    };

    private static DateTimeOffset? CompletionOf(TestRun run) =>
        run.Status?.CompletionTime
        ?? (run.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null);
}
