using System.CommandLine;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;
using Netra.Probes.Reporting;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator run FILE</c>: a TestRun on this machine. Progress, warnings and the closing table and verdict go
/// to standard error; the final status alone goes to standard output (<c>-o yaml|json</c>), so a pipe can parse it.
/// </summary>
public static class RunCommand
{
    public static Command Create(IAnsiConsole progress, TextWriter output)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A TestRun manifest, as you would kubectl apply it; - reads standard input.",
        };
        var format = new Option<string>("--output", "-o")
        {
            Description = "How the final status is printed: yaml or json.",
            DefaultValueFactory = _ => "yaml",
        };
        format.AcceptOnlyFromAmong("yaml", "json");
        var junit = new Option<FileInfo?>("--junit") { Description = "Write a JUnit XML report of every case to this file." };
        var json = new Option<FileInfo?>("--json") { Description = "Write every case's result to this JSON file." };
        var run = new Command("run", "Run a TestRun on this machine: services in process on loopback, probes in process; print its status.")
        {
            file, format, junit, json,
        };
        run.SetAction(async (parsed, _) =>
        {
            var outputs = new ReportOutputs(
                ReportPaths.Writable(parsed.GetValue(json)),
                ReportPaths.Writable(parsed.GetValue(junit)),
                null);
            var testRun = Load(parsed.GetRequiredValue(file));
            foreach (var warning in LocalRunCaveats.Warnings(testRun))
            {
                progress.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
            }

            using var signals = new StopSignals();
            var localRun = new LocalRun(progress, TimeProvider.System);
            localRun.Progress += message => progress.MarkupLineInterpolated($"[grey]{message}[/]");
            progress.MarkupLineInterpolated($"Running TestRun [bold]{testRun.Metadata.Name ?? "(unnamed)"}[/] locally.");

            var result = await localRun.ExecuteAsync(testRun, signals.Token, () => signals.Why);

            await outputs.WriteAsync(result.Report, CancellationToken.None);
            var status = result.Run.Status ?? new TestRunStatus();
            RunVerdict.Write(progress, status);
            await output.WriteAsync(StatusDocument.Serialize(status, parsed.GetRequiredValue(format)));
            await output.FlushAsync(CancellationToken.None);
            return signals.ExitCode ?? (status.Phase == Phases.Succeeded ? ExitCodes.Succeeded : ExitCodes.Failed);
        });
        return run;
    }

    private static TestRun Load(string path)
    {
        try
        {
            return TestRunManifest.Load(path);
        }
        catch (TestRunManifest.InvalidManifestException invalid)
        {
            throw new UsageException(invalid.Message, invalid);
        }
    }
}
