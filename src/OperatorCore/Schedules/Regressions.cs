using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Blame: when a schedule's newest finished run failed after one passed, its status names the first failing run, what
/// it tested and what changed since the last passing run (<see cref="TestedChanges"/>). Kept, still naming that first
/// failing run, while the runs after it keep failing; cleared once one passes. Decided from the results alone
/// (newest first), so two results recorded by one reconcile or an operator restart decide the same.
/// </summary>
public static class Regressions
{
    /// <summary>The longest the Event's message gets.</summary>
    public const int MaxMessageChars = 1024;

    public static ScheduleRegression? Decide(IReadOnlyList<ScheduledRunResult> results, ScheduleRegression? before)
    {
        var failing = results.TakeWhile(r => r.Phase == Phases.Failed).ToList();
        if (failing.Count == 0)
        {
            return null;
        }

        // Still failing since the regression already named: the same one (its passing run may have left the results).
        if (before is not null && (failing.Any(r => r.Name == before.Run) || failing.Count == results.Count))
        {
            return before;
        }

        return failing.Count < results.Count && results[failing.Count].Phase == Phases.Succeeded
            ? Of(failing[^1], results[failing.Count])
            : null;
    }

    public static ScheduleRegression Of(ScheduledRunResult firstFailing, ScheduledRunResult lastPassing) => new()
    {
        Run = firstFailing.Name,
        Revision = firstFailing.Tested?.Revision,
        Since = firstFailing.CompletionTime,
        LastPassingRun = lastPassing.Name,
        LastPassingRevision = lastPassing.Tested?.Revision,
        Changes = TestedChanges.Between(lastPassing.Tested, firstFailing.Tested),
    };

    /// <summary>The Event's one line: the first failing run and revision, the last passing one, and each change.</summary>
    public static string Message(ScheduleRegression regression)
    {
        var changes = regression.Changes.Count == 0
            ? "nothing it records changed"
            : "changed: " + string.Join("; ", regression.Changes.Select(c => $"{c.What} {c.From ?? "(none)"} -> {c.To ?? "(none)"}"));
        var message = $"Failing since TestRun {regression.Run} (revision {regression.Revision ?? "unknown"}); "
            + $"last passed in {regression.LastPassingRun} (revision {regression.LastPassingRevision ?? "unknown"}); {changes}.";
        return PodText.OneLine(message, MaxMessageChars);
    }
}
