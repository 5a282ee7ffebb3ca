using System.CommandLine;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Reporting;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator results NAME</c>: the full results of a TestRun that ran in a cluster (every case, with its message
/// and duration), as the JSON report on standard output, and as <c>--junit</c> and <c>--json</c> files; on standard error,
/// a failed deploy's evidence (<see cref="DeployEvidenceReport"/>), each case that failed or broke with its message and the
/// tail of its evidence, then the table and the verdict, as the run itself ends.
/// </summary>
public static class ResultsCommand
{
    public static Command Create(IAnsiConsole progress, TextWriter output)
    {
        var name = new Argument<string>("NAME") { Description = "The TestRun's name." };
        var reports = new ReportOptions();
        var cluster = new ClusterOptions();
        var results = new Command("results", "Print the full results of a TestRun run in a cluster; write them as JUnit or JSON.") { name };
        cluster.AddTo(results, reports);

        results.SetAction(async (parsed, cancellationToken) =>
        {
            var outputs = reports.Outputs(parsed);
            using var connection = cluster.Connect(parsed);
            var runs = connection.Runs;
            var run = await runs.ReadExistingAsync(connection.Namespace, parsed.GetRequiredValue(name), cancellationToken);
            var (report, kept) = await runs.ResultsAsync(run, cancellationToken);

            await output.WriteLineAsync(kept ?? RunResults.Json(report));
            ConsoleReporter.WriteFailures(progress, DeployEvidenceReport.Without(report));
            return await RunVerdict.ConcludeAsync(progress, outputs, run.Status!, report);
        });
        return results;
    }
}
