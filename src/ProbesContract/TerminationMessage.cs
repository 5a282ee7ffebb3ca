using System.Text.Json;

namespace Netra.Probes.Contract;

/// <summary>
/// The compact summary a probe pod leaves in its termination message, where the operator reads it
/// from the pod status. Kubernetes keeps at most 4096 bytes, so a probe adds failed cases until the
/// next one would not fit, and <see cref="Summary.Truncated"/> says some were left out.
/// </summary>
public static class TerminationMessage
{
    public const int MaxBytes = 4096;
    public const int MaxMessageChars = 240;

    public sealed record Counts(int Total, int Passed, int Failed, int Skipped, int Errors);

    public sealed record Scenario(string Name, long DurationMs, Counts Counts);

    public sealed record FailedCase(string Id, CaseOutcome Result, string? Message);

    /// <param name="Aborted">
    /// Why the run ended before its cases did, when it did: a service that failed the preflight (named,
    /// with what was seen) or the signal that stopped it. Null for a run that ran its cases.
    /// </param>
    /// <param name="Report">The full JSON report (<see cref="PackedReport"/>), when it fits; null otherwise.</param>
    /// <param name="EvidenceInLog">
    /// True when <paramref name="Report"/> left out the evidence of failed cases (it never goes to a pod's status): the
    /// whole report, evidence included, is in the pod's log (<see cref="ReportLine"/>).
    /// </param>
    public sealed record Summary(
        Counts Counts,
        IReadOnlyList<Scenario> Scenarios,
        IReadOnlyList<FailedCase> Failures,
        bool Truncated,
        string? Aborted = null,
        string? Report = null,
        bool? EvidenceInLog = null);

    public static string Serialize(Summary summary) => JsonSerializer.Serialize(summary, TerminationMessageJson.Default.Summary);

    /// <summary>Why a run ended early, as kept from a summary: at most this long.</summary>
    public const int MaxAbortedChars = 480;

    /// <summary>
    /// The summary, validated and bounded, or null when the text is empty, too long or not one. Whatever image wrote
    /// it, only this reaches a status: scenarios by their known names, counts that are not negative, failures of
    /// those scenarios with short one-line messages.
    /// </summary>
    public static Summary? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxBytes)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, TerminationMessageJson.Default.Summary) is { } summary ? Bounded(summary) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The most cases a scenario may claim: more than any scenario has (a test keeps the catalog under it).</summary>
    public const int MaxCasesPerScenario = 64;

    /// <summary>The longest a scenario may claim to have taken: a day, longer than any run may last.</summary>
    public const long MaxDurationMs = 24L * 60 * 60 * 1000;

    private static Summary Bounded(Summary summary)
    {
        var scenarios = (summary.Scenarios ?? [])
            .Where(s => s is not null && ScenarioNames.All.Contains(s.Name))
            .DistinctBy(s => s.Name)
            .Select(s => s with { DurationMs = Math.Clamp(s.DurationMs, 0, MaxDurationMs), Counts = Bounded(s.Counts, MaxCasesPerScenario) })
            .ToList();
        var failures = (summary.Failures ?? [])
            .Where(f => f is not null && IsCaseId(f.Id))
            .Select(f => f with { Message = f.Message is null ? null : PodText.OneLine(f.Message, MaxMessageChars) })
            .ToList();
        return summary with
        {
            Counts = Bounded(summary.Counts, MaxCasesPerScenario * ScenarioNames.All.Count),
            Scenarios = scenarios,
            Failures = failures,
            Truncated = summary.Truncated || failures.Count < (summary.Failures?.Count ?? 0),
            Aborted = summary.Aborted is null ? null : PodText.OneLine(summary.Aborted, MaxAbortedChars),
        };
    }

    /// <summary>
    /// Each count within [0, <paramref name="most"/>] and no more cases in all than that (a claim beyond is cut, failures
    /// and errors kept first, so that a pod cannot turn a failure into a pass by claiming more); the total their sum.
    /// </summary>
    private static Counts Bounded(Counts? counts, int most)
    {
        if (counts is null)
        {
            return new Counts(0, 0, 0, 0, 0);
        }

        var left = most;
        int Take(int claimed)
        {
            var taken = Math.Clamp(claimed, 0, left);
            left -= taken;
            return taken;
        }

        var (errors, failed) = (Take(counts.Errors), Take(counts.Failed));
        var (skipped, passed) = (Take(counts.Skipped), Take(counts.Passed));
        return new Counts(errors + failed + skipped + passed, passed, failed, skipped, errors);
    }

    /// <summary><c>scenario/case</c>: a known scenario, a case name of lower-case letters, digits and dashes.</summary>
    private static bool IsCaseId(string? id)
    {
        var slash = id?.IndexOf('/') ?? -1;
        return slash > 0
            && ScenarioNames.All.Contains(id![..slash])
            && id.Length - slash - 1 is > 0 and <= 100
            && id[(slash + 1)..].All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_');
    }
}
