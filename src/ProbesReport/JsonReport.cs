using System.Text.Json;
using Netra.Probes.Contract;

namespace Netra.Probes.Report;

/// <summary>
/// The <c>--json</c> file: every case of the run, each with the failures of its earlier attempts when its scenario was
/// retried. The operator's results keep every attempt's scenario report as it came (<see cref="Document.Retried"/>);
/// reading folds them into the cases (<see cref="AttemptHistory"/>).
/// </summary>
public static class JsonReport
{
    /// <param name="Aborted">Why the run ended before its cases did; absent when it ran them.</param>
    /// <param name="Retried">Scenario reports of attempts that were retried, oldest first; absent in a file this class wrote.</param>
    public sealed record Document(
        DateTimeOffset StartedAt,
        long DurationMs,
        Totals Summary,
        IReadOnlyList<Scenario> Scenarios,
        string? Aborted,
        IReadOnlyList<RetriedScenario>? Retried = null);

    public sealed record Totals(int Total, int Passed, int Failed, int Skipped, int Errors);

    /// <param name="AnsweredBy">The pods of each service that answered the scenario; absent when none named one.</param>
    public sealed record Scenario(
        string Name, long DurationMs, Totals Summary, IReadOnlyList<CaseEntry> Cases, AnsweredBy? AnsweredBy = null);

    /// <param name="Evidence">A failed or broken case's last exchanges with the services (<see cref="EvidenceLimits"/>).</param>
    public sealed record CaseEntry(
        string Id,
        string Description,
        CaseOutcome Result,
        long DurationMs,
        string? Message,
        IReadOnlyList<string>? Evidence = null,
        IReadOnlyList<AttemptEntry>? EarlierAttempts = null);

    public sealed record AttemptEntry(int Attempt, CaseOutcome Result, long DurationMs, string? Message, IReadOnlyList<string>? Evidence = null);

    public sealed record RetriedScenario(int Attempt, Scenario Report);

    public static Document From(RunReport report) => new(
        report.StartedAt,
        (long)report.Duration.TotalMilliseconds,
        TotalsOf(report.Summary),
        [.. report.Scenarios.Select(s => new Scenario(
            s.Name,
            (long)s.Duration.TotalMilliseconds,
            TotalsOf(s.Summary),
            [.. s.Cases.Select(c => new CaseEntry(
                c.Id, c.Description, c.Outcome, (long)c.Duration.TotalMilliseconds, c.Message, c.Evidence,
                c.EarlierAttempts is { Count: > 0 } earlier
                    ? [.. earlier.Select(a => new AttemptEntry(a.Attempt, a.Outcome, (long)a.Duration.TotalMilliseconds, a.Message, a.Evidence))]
                    : null))],
            s.AnsweredBy))],
        report.Aborted);

    /// <summary>A run read back from its <c>--json</c> file (to merge the reports of several runs).</summary>
    public static async Task<RunReport> ReadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken), path);

    /// <summary>A run read back from the text of a <c>--json</c> file; <paramref name="source"/> names it in an error.</summary>
    public static RunReport Parse(string json, string source)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ReportJson.Default.Document);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source} is not a report: {error.Message}", error);
        }

        if (document?.Scenarios is null)
        {
            throw new InvalidDataException($"{source} holds no report.");
        }

        var retried = (document.Retried ?? []).ToLookup(r => r.Report.Name, StringComparer.Ordinal);
        return new RunReport(
            document.StartedAt,
            TimeSpan.FromMilliseconds(document.DurationMs),
            [.. document.Scenarios.Select(s => AttemptHistory.Fold(
                [.. retried[s.Name].OrderBy(r => r.Attempt).Select(r => (r.Attempt, Result(r.Report))), (int.MaxValue, Result(s))])!)],
            document.Aborted);
    }

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(From(report), ReportJson.Default.Document);

    public static async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await WriteAsync(report, file, cancellationToken);
    }

    /// <summary>The file's bytes (UTF-8) written to <paramref name="stream"/>, which is left open.</summary>
    public static Task WriteAsync(RunReport report, Stream stream, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, From(report), ReportJson.Default.Document, cancellationToken);

    private static ScenarioResult Result(Scenario s) => new(
        s.Name,
        [.. (s.Cases ?? []).Select(c => new CaseResult(
            c.Id, s.Name, c.Description, c.Result, TimeSpan.FromMilliseconds(c.DurationMs), c.Message,
            c.EarlierAttempts is { Count: > 0 } earlier
                ? [.. earlier.Select(a => new CaseAttempt(a.Attempt, a.Result, TimeSpan.FromMilliseconds(a.DurationMs), a.Message, a.Evidence))]
                : null,
            c.Evidence))],
        TimeSpan.FromMilliseconds(s.DurationMs),
        s.AnsweredBy is { } answered ? AnsweredBy.Of(answered.Auth, answered.Backend, answered.Agent) : null);

    private static Totals TotalsOf(RunSummary s) => new(s.Total, s.Passed, s.Failed, s.Skipped, s.Errors);
}
