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
    public sealed record Summary(
        Counts Counts,
        IReadOnlyList<Scenario> Scenarios,
        IReadOnlyList<FailedCase> Failures,
        bool Truncated,
        string? Aborted = null,
        string? Report = null);

    public static string Serialize(Summary summary) => JsonSerializer.Serialize(summary, TerminationMessageJson.Default.Summary);

    /// <summary>The summary, or null when the text is empty or not one.</summary>
    public static Summary? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, TerminationMessageJson.Default.Summary);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
