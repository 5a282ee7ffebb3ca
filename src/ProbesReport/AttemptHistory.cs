using Netra.Probes.Contract;

namespace Netra.Probes.Report;

/// <summary>
/// One scenario's attempts folded into one result: the last attempt's cases, each carrying the failures and errors of
/// the attempts before it. Both the local run and <c>netra-operator results</c> fold attempts here.
/// </summary>
public static class AttemptHistory
{
    /// <param name="attempts">The scenario's reported attempts, oldest first, each with its attempt number.</param>
    public static ScenarioResult? Fold(IReadOnlyList<(int Attempt, ScenarioResult Result)> attempts)
    {
        if (attempts.Count == 0)
        {
            return null;
        }

        var (_, last) = attempts[^1];
        var earlier = attempts.Take(attempts.Count - 1)
            .SelectMany(a => a.Result.Cases
                .Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error)
                .Select(c => (c.Id, Attempt: new CaseAttempt(a.Attempt, c.Outcome, c.Duration, c.Message, c.Evidence))))
            .ToLookup(a => a.Id, a => a.Attempt, StringComparer.Ordinal);
        return last with
        {
            Cases = [.. last.Cases.Select(c => earlier[c.Id].ToList() is { Count: > 0 } failed
                ? c with { EarlierAttempts = [.. failed, .. c.EarlierAttempts ?? []] }
                : c)],
        };
    }
}
