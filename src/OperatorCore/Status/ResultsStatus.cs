using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Status;

/// <summary>Turns scenario outcomes into the status' summary and per-scenario results, bounded in size.</summary>
public static class ResultsStatus
{
    public const int MaxFailuresPerScenario = 20;
    public const int MaxMessageLength = 512;

    public static TestSummary Summarize(IEnumerable<ScenarioOutcome> outcomes)
    {
        int passed = 0, failed = 0, errors = 0, skipped = 0;
        foreach (var o in outcomes)
        {
            passed += o.Passed;
            failed += o.Failed;
            errors += o.Errors;
            skipped += o.Skipped;
        }

        return new TestSummary
        {
            Total = passed + failed + errors + skipped, Passed = passed, Failed = failed, Errors = errors, Skipped = skipped,
        };
    }

    /// <param name="quarantine">Marks the scenarios it excuses <see cref="ScenarioStatus.Quarantined"/>; none when null.</param>
    public static IReadOnlyList<ScenarioStatus> Scenarios(IEnumerable<ScenarioOutcome> outcomes, Quarantine? quarantine = null) =>
        [.. outcomes.Select(o => new ScenarioStatus
        {
            Name = o.Name,
            Result = Result(o),
            Passed = o.Passed,
            Failed = o.Failed,
            Errors = o.Errors,
            Skipped = o.Skipped,
            DurationMs = o.DurationMs,
            Attempts = o.Attempts,
            Quarantined = quarantine?.Excuses(o.Name) == true ? true : null,
            Failures =
            [
                .. o.FailedCases.Take(MaxFailuresPerScenario).Select(f => new CaseFailure { Id = f.Id, Message = Shorten(f.Message) }),
            ],
        })];

    /// <summary>
    /// A scenario's result from its last attempt: one that passed after an earlier attempt (a scenario is retried only
    /// when it failed) is Flaky.
    /// </summary>
    public static string Result(ScenarioOutcome outcome) =>
        !outcome.Ran ? ScenarioResults.NotRun
        : !outcome.Succeeded ? ScenarioResults.Failed
        : outcome.Passed == 0 ? ScenarioResults.Skipped
        : outcome.Attempts > 1 ? ScenarioResults.Flaky
        : ScenarioResults.Passed;

    /// <summary>
    /// Why a scenario has no report of its cases, as its status says: its first failure's message (its pod ended
    /// without one), else why the run ended.
    /// </summary>
    public static string WhyNoReport(TestRunStatus? status, string scenario) =>
        (status?.Scenarios.FirstOrDefault(s => s.Name == scenario)?.Failures is [{ Message: { } first }, ..] ? first : null)
        ?? status?.Conditions.Find(ConditionTypes.Finished)?.Message
        ?? "the run ended before this scenario ran";

    private static string? Shorten(string? message) =>
        message is { Length: > MaxMessageLength } ? string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…") : message;
}
