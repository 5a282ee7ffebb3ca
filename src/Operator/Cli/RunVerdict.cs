using System.Globalization;
using Netra.Operator.Core.Api.V1Alpha1;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>How a run ended, for people: a table of its scenarios, then one verdict line.</summary>
public static class RunVerdict
{
    public static void Write(IAnsiConsole console, TestRunStatus status)
    {
        if (status.Scenarios.Count > 0)
        {
            var table = new Table().AddColumns("scenario", "result", "passed", "failed", "errors", "skipped", "attempts", "duration");
            foreach (var scenario in status.Scenarios)
            {
                table.AddRow(
                    scenario.Name,
                    Colored(scenario.Result),
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

    private static string Colored(string result) => result switch
    {
        ScenarioResults.Passed => "[green]Passed[/]",
        ScenarioResults.Failed => "[red]Failed[/]",
        _ => result,
    };

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
