using Netra.Probes.Clients;
using System.Text;
using System.Text.Json;
using Netra.Probes.Model;

namespace Netra.Probes.Reporting;

/// <summary>
/// The compact summary a probe pod leaves in its termination message, where the operator reads it
/// from the pod status. Kubernetes keeps at most 4096 bytes, so failed cases are added until the
/// next one would not fit, and <see cref="Summary.Truncated"/> says some were left out.
/// </summary>
public static class TerminationMessage
{
    public const int MaxBytes = 4096;
    public const int MaxMessageChars = 240;

    public sealed record Counts(int Total, int Passed, int Failed, int Skipped, int Errors)
    {
        public static Counts Of(RunSummary s) => new(s.Total, s.Passed, s.Failed, s.Skipped, s.Errors);
    }

    public sealed record Scenario(string Name, long DurationMs, Counts Counts);

    public sealed record FailedCase(string Id, CaseOutcome Result, string? Message);

    public sealed record Summary(Counts Counts, IReadOnlyList<Scenario> Scenarios, IReadOnlyList<FailedCase> Failures, bool Truncated);

    public static string Compose(RunReport report, int maxBytes = MaxBytes)
    {
        var scenarios = report.Scenarios
            .Select(s => new Scenario(s.Name, (long)s.Duration.TotalMilliseconds, Counts.Of(s.Summary)))
            .ToList();
        var failures = report.Scenarios
            .SelectMany(s => s.Cases)
            .Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error)
            .Select(c => new FailedCase(c.Id, c.Outcome, Shorten(c.Message)))
            .ToList();

        var included = new List<FailedCase>(failures.Count);
        var text = Serialize(new Summary(Counts.Of(report.Summary), scenarios, included, Truncated: failures.Count > 0));
        foreach (var failure in failures)
        {
            included.Add(failure);
            var candidate = Serialize(new Summary(Counts.Of(report.Summary), scenarios, included, Truncated: included.Count < failures.Count));
            if (Encoding.UTF8.GetByteCount(candidate) > maxBytes)
            {
                included.RemoveAt(included.Count - 1);
                break;
            }

            text = candidate;
        }

        return text;
    }

    public static Summary? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Summary>(text, ProbeJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Serialize(Summary summary) => JsonSerializer.Serialize(summary, ProbeJson.Options);

    private static string? Shorten(string? message) =>
        message is { Length: > MaxMessageChars } ? string.Concat(message.AsSpan(0, MaxMessageChars - 1), "…") : message;
}
