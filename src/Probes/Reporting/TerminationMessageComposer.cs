using System.Text;
using Netra.Probes.Contract;
using Netra.Probes.Report;

namespace Netra.Probes.Reporting;

/// <summary>
/// A run's report as the termination message of its pod (<see cref="TerminationMessage"/>), within its size limit: the
/// summary, as many failures as fit, and the full report packed beside them when it fits too (a run of one scenario,
/// as each of the operator's probe Jobs is, fits), without its evidence: that never goes to a pod's status, and reaches the
/// operator through the pod's log (<see cref="ReportLine"/>), which it reads when the summary says the evidence is there.
/// </summary>
public static class TerminationMessageComposer
{
    public static string Compose(RunReport report, int maxBytes = TerminationMessage.MaxBytes)
    {
        var total = CountsOf(report.Summary);
        var scenarios = report.Scenarios
            .Select(s => new TerminationMessage.Scenario(s.Name, (long)s.Duration.TotalMilliseconds, CountsOf(s.Summary)))
            .ToList();
        var failures = report.Scenarios
            .SelectMany(s => s.Cases)
            .Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error)
            .Select(c => new TerminationMessage.FailedCase(c.Id, c.Outcome, Shorten(c.Message, TerminationMessage.MaxMessageChars)))
            .ToList();

        var included = new List<TerminationMessage.FailedCase>(failures.Count);
        // The abort reason may name all three services; it gets a larger share of the budget than one failure.
        var aborted = Shorten(report.Aborted, 4 * TerminationMessage.MaxMessageChars);
        var text = TerminationMessage.Serialize(new TerminationMessage.Summary(
            total,
            scenarios,
            included,
            Truncated: failures.Count > 0,
            aborted));
        foreach (var failure in failures)
        {
            included.Add(failure);
            var candidate = TerminationMessage.Serialize(
                new TerminationMessage.Summary(total, scenarios, included, Truncated: included.Count < failures.Count, aborted));
            if (Encoding.UTF8.GetByteCount(candidate) > maxBytes)
            {
                included.RemoveAt(included.Count - 1);
                break;
            }

            text = candidate;
        }

        return WithReport(text, report, maxBytes);
    }

    /// <summary>The full report without its evidence packed beside the summary, when both fit; else the summary alone.</summary>
    private static string WithReport(string text, RunReport report, int maxBytes)
    {
        var summary = TerminationMessage.Parse(text)!;
        var packed = PackedReport.Pack(JsonReport.Serialize(report.WithoutEvidence()));
        var candidate = TerminationMessage.Serialize(summary with { Report = packed, EvidenceInLog = report.HasEvidence ? true : null });
        return Encoding.UTF8.GetByteCount(candidate) <= maxBytes ? candidate : text;
    }

    private static TerminationMessage.Counts CountsOf(RunSummary s) => new(s.Total, s.Passed, s.Failed, s.Skipped, s.Errors);

    private static string? Shorten(string? message, int maxChars) =>
        message is { Length: var length } && length > maxChars ? string.Concat(message.AsSpan(0, maxChars - 1), "…") : message;
}
