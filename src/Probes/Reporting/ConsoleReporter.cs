using System.Globalization;
using Netra.Probes.Contract;
using Netra.Probes.Model;
using Netra.Probes.Running;
using Spectre.Console;

namespace Netra.Probes.Reporting;

/// <summary>
/// Live progress, one line per finished case, on <c>progress</c> (stderr for <c>netra-probes</c>); the summary
/// table and the verdict at the end (with why a run was aborted, said once) on <c>results</c> (stdout). Both may be the
/// same console.
/// </summary>
public sealed class ConsoleReporter(IAnsiConsole results, IAnsiConsole progress) : IRunObserver
{
    private readonly Lock _gate = new();

    public ConsoleReporter(IAnsiConsole console)
        : this(console, console)
    {
    }

    public void CaseFinished(CaseResult result)
    {
        var line = $"{Badge(result.Outcome)} {Markup.Escape(result.Id)} [grey]{Milliseconds(result.Duration)}[/]";
        if (result.Message is not null && result.Outcome != CaseOutcome.Passed)
        {
            line += $"\n       [grey]{Markup.Escape(result.Message)}[/]";
        }

        lock (_gate)
        {
            progress.MarkupLine(line);
        }
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
