using System.Globalization;
using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Running;
using Spectre.Console;

namespace Netra.Probes.Reporting;

/// <summary>
/// Live progress, one line per finished case, on <c>progress</c> (stderr for <c>netra-probes</c>), with a case's message
/// and the last <see cref="EvidenceLines"/> lines of its evidence under it when it did not pass; the summary
/// table and the verdict at the end (with why a run was aborted, said once) on <c>results</c> (stdout). Both may be the
/// same console.
/// </summary>
public sealed class ConsoleReporter(IAnsiConsole results, IAnsiConsole progress) : IRunObserver
{
    /// <summary>How much of a case's evidence the console shows; the report files hold all of it.</summary>
    public const int EvidenceLines = 4;

    private readonly Lock _gate = new();

    public ConsoleReporter(IAnsiConsole console)
        : this(console, console)
    {
    }

    public void CaseFinished(CaseResult result)
    {
        var line = CaseLines(result);
        lock (_gate)
        {
            progress.MarkupLine(line);
        }
    }

    /// <summary>The cases that failed or broke, each as its progress line, message and evidence (for a run read back).</summary>
    public static void WriteFailures(IAnsiConsole console, RunReport report)
    {
        foreach (var result in report.Scenarios.SelectMany(s => s.Cases).Where(c => c.Outcome is CaseOutcome.Failed or CaseOutcome.Error))
        {
            console.MarkupLine(CaseLines(result));
        }
    }

    /// <summary>A finished case in markup: badge, id and duration; under it, when it did not pass, its message and evidence tail.</summary>
    private static string CaseLines(CaseResult result)
    {
        var line = $"{Badge(result.Outcome)} {Markup.Escape(result.Id)} [grey]{Milliseconds(result.Duration)}[/]";
        if (result.Message is not null && result.Outcome != CaseOutcome.Passed)
        {
            line += $"\n       [grey]{Markup.Escape(result.Message)}[/]";
        }

        foreach (var entry in (result.Evidence ?? []).TakeLast(EvidenceLines))
        {
            line += $"\n         [grey]{Markup.Escape(entry)}[/]";
        }

        return line;
    }

    public void WriteSummary(RunReport report)
    {
        var table = new Table().AddColumns("scenario", "total", "passed", "failed", "skipped", "errors", "duration");
        foreach (var scenario in report.Scenarios)
        {
            AddRow(table, scenario.Name, scenario.Summary, scenario.Duration);
        }

        AddRow(table, "[bold]all[/]", report.Summary, report.Duration);
        results.Write(table);
        results.MarkupLine(report switch
        {
            { Aborted: { } aborted } => $"[red]Aborted: {Markup.Escape(aborted)}[/]",
            { Succeeded: true } => "[green]All cases passed or were skipped with a reason.[/]",
            _ => "[red]Some cases did not pass.[/]",
        });
    }

    private static void AddRow(Table table, string name, RunSummary s, TimeSpan duration) => table.AddRow(
        name,
        Number(s.Total),
        Number(s.Passed),
        s.Failed > 0 ? $"[red]{s.Failed}[/]" : "0",
        Number(s.Skipped),
        s.Errors > 0 ? $"[red]{s.Errors}[/]" : "0",
        Milliseconds(duration));

    /// <summary>How a result starts its line: PASS, FAIL, SKIP or ERROR, coloured.</summary>
    public static string Badge(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "[green]PASS [/]",
        CaseOutcome.Failed => "[red]FAIL [/]",
        CaseOutcome.Skipped => "[yellow]SKIP [/]",
        _ => "[red]ERROR[/]",
    };

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan duration) => $"{duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
}
