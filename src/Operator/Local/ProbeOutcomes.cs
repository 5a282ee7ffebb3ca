using Netra.Operator.Core.Status;
using Netra.Probes.Contract;
using Netra.Probes.Model;

namespace Netra.Operator.Local;

/// <summary>In-process probe results as the operator's status speaks of them.</summary>
public static class ProbeOutcomes
{
    public static ScenarioOutcome From(ScenarioResult result, int attempts)
    {
        var s = result.Summary;
        return new ScenarioOutcome(
            result.Name,
            s.Passed,
            s.Failed,
            s.Skipped,
            s.Errors,
            (long)result.Duration.TotalMilliseconds,
            [.. result.Cases.Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error).Select(c => new FailedCase(c.Id, c.Message))],
            attempts);
    }
}
