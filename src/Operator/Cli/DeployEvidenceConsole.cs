using Netra.Operator.Core.TestRuns;
using Netra.Probes.Report;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// A failed deploy's evidence on the console (<see cref="DeployEvidenceReport"/>): its lines under a heading before the verdict.
/// </summary>
public static class DeployEvidenceConsole
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        if (DeployEvidenceReport.Evidence(report) is not { } evidence)
        {
            return;
        }

        console.MarkupLine("[bold]Deploy evidence[/] (kept with the run's results):");
        foreach (var line in evidence)
        {
            console.WriteLine(line);
        }
    }
}
