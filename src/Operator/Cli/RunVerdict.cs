using System.Globalization;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Report;
using Netra.Probes.Reporting;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// How a run ended, in one place for the local run, <c>run --cluster</c>, <c>wait</c> and <c>results</c>: the report files,
/// then for people a failed deploy's evidence, a table of its scenarios and one verdict line, and the exit code.
/// </summary>
public static class RunVerdict
{
    /// <summary>Writes the reports asked for, the table and the verdict; returns 0 when the run succeeded, else 1.</summary>
    public static async Task<int> ConcludeAsync(IAnsiConsole console, ReportOutputs reports, TestRunStatus status, RunReport report)
    {
        await reports.WriteAsync(report, CancellationToken.None);
        DeployEvidenceConsole.Write(console, report);
        Write(console, status);
        return status.Phase == Phases.Succeeded ? ExitCodes.Succeeded : ExitCodes.Failed;
    }

    public static void Write(IAnsiConsole console, TestRunStatus status)
    {
        if (status.Scenarios.Count > 0)
        {
            var table = new Table().AddColumns("scenario", "result", "passed", "failed", "errors", "skipped", "attempts", "duration");
            foreach (var scenario in status.Scenarios)
            {
                table.AddRow(
                    scenario.Name,
                    Colored(scenario),
                    Number(scenario.Passed),
                    Number(scenario.Failed),
                    Number(scenario.Errors),
                    Number(scenario.Skipped),
                    Number(scenario.Attempts),
                    $"{Number(scenario.DurationMs)} ms");
            }

            console.Write(table);
        }

        console.MarkupLine(Line(status));
    }

    /// <summary><c>Succeeded: 90 of 90 cases passed …</c> or <c>Failed (TestsFailed): …</c>, from the Finished condition.</summary>
    public static string Line(TestRunStatus status)
    {
        var finished = status.Conditions.Find(ConditionTypes.Finished);
        var message = Markup.Escape(finished?.Message ?? string.Empty);
        var duration = status.Duration is { } took ? $" ({took})" : string.Empty;
        return status.Phase == Phases.Succeeded
            ? $"[green]Succeeded[/]{duration}: {message}"
            : $"[red]{status.Phase ?? "Unknown"} ({finished?.Reason ?? "Unknown"})[/]{duration}: {message}";
    }

    private static string Colored(ScenarioStatus scenario) => scenario switch
    {
        { Result: ScenarioResults.Passed } => "[green]Passed[/]",
        { Result: ScenarioResults.Flaky } => "[yellow]Flaky[/]",
        { Result: ScenarioResults.Failed, Quarantined: true } => "[yellow]Failed (quarantined)[/]",
        { Result: ScenarioResults.Failed } => "[red]Failed[/]",
        _ => scenario.Result,
    };

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
