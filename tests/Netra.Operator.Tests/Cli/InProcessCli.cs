using System.Diagnostics;
using Netra.Operator.Cli;
using Netra.Testing;
using Spectre.Console;

namespace Netra.Operator.Tests.Cli;

/// <summary>
/// <c>netra-operator</c> run in this process as <c>Program</c> runs it: progress and one-line errors on one writer (its
/// standard error, without colours and wide enough that no line wraps), the status on another (its standard output).
/// </summary>
public static class InProcessCli
{
    public static async Task<CommandExit> RunAsync(params string[] args)
    {
        using var stderr = new StringWriter();
        using var stdout = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(stderr),
        });
        console.Profile.Width = 100_000;
        var clock = Stopwatch.StartNew();

        var code = await CommandLine.InvokeAsync(OperatorCommand.Create(console, stdout), args, stderr);

        return new CommandExit(code, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    /// <summary>
    /// The kinds of lines on standard error, in order, each run of one kind once: header, warning, progress (what the run
    /// is doing, and the results as they come: a case's PASS / FAIL line in the local run, a scenario's in a cluster run),
    /// table, verdict. A result's indented second line belongs to it.
    /// </summary>
    public static IReadOnlyList<string> Shape(CommandExit exit)
    {
        var kinds = new List<string>();
        foreach (var line in exit.StderrLines.Select(l => l.TrimEnd('\r')))
        {
            var kind = line switch
            {
                _ when line.StartsWith(' ') => null,
                _ when line.StartsWith("Running TestRun ", StringComparison.Ordinal) => "header",
                _ when line.StartsWith("warning:", StringComparison.Ordinal) => "warning",
                _ when "┌│├└".Contains(line[0], StringComparison.Ordinal) => "table",
                _ when line.StartsWith("Succeeded", StringComparison.Ordinal) || line.StartsWith("Failed (", StringComparison.Ordinal) => "verdict",
                _ => "progress",
            };
            if (kind is not null && (kinds.Count == 0 || kinds[^1] != kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds;
    }
}
