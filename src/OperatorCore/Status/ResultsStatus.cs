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

    public static IReadOnlyList<ScenarioStatus> Scenarios(IEnumerable<ScenarioOutcome> outcomes) =>
        [.. outcomes.Select(o => new ScenarioStatus
        {
            Name = o.Name,
            Result = !o.Ran ? ScenarioResults.NotRun
                : !o.Succeeded ? ScenarioResults.Failed
                : o.Passed == 0 ? ScenarioResults.Skipped
                : ScenarioResults.Passed,
            Passed = o.Passed,
            Failed = o.Failed,
            Errors = o.Errors,
            Skipped = o.Skipped,
            DurationMs = o.DurationMs,
            Attempts = o.Attempts,
            Failures =
            [
                .. o.FailedCases.Take(MaxFailuresPerScenario).Select(f => new CaseFailure { Id = f.Id, Message = Shorten(f.Message) }),
            ],
        })];

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
