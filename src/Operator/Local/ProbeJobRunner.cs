using System.CommandLine;
using k8s.Models;
using Netra.Probes.Cli;
using Netra.Probes.Contract;
using Spectre.Console;

namespace Netra.Operator.Local;

/// <summary>
/// Runs a probe Job's container in this process as its pod would: the probes' own command with the
/// container's arguments, its termination log in a temporary file, its service addresses mapped to
/// where the services really are. Returns the exit code and the termination message.
/// </summary>
public static class ProbeJobRunner
{
    /// <param name="progress">Where each case is printed as it finishes.</param>
    /// <param name="jsonReport">Where the probes also write their full JSON report, if anywhere.</param>
    /// <param name="environment">The container's environment as its pod would have it; this process's when null.</param>
    public static async Task<(int ExitCode, string TerminationMessage)> RunAsync(
        V1Container container,
        Func<Uri, Uri> mapServiceUrl,
        IAnsiConsole progress,
        CancellationToken cancellationToken,
        string? jsonReport = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var terminationLog = Path.GetTempFileName();
        try
        {
            string[] args =
            [
                .. container.Args.Select(a => a == ProbeCommandLine.TerminationLogPath ? terminationLog : MapUrl(a, mapServiceUrl)),
                .. jsonReport is null ? [] : new[] { "--json", jsonReport },
            ];
            // The summary table is the caller's to print; signals are the hosting program's (no handler of the probes' own).
            var command = ProbesCommand.Create(
                Quiet, progress, environment is null ? null : name => environment.GetValueOrDefault(name), TextWriter.Null);
            var exitCode = await command.Parse(args).InvokeAsync(
                new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellationToken);
            return (exitCode, await File.ReadAllTextAsync(terminationLog, cancellationToken));
        }
        finally
        {
            File.Delete(terminationLog);
        }
    }

    private static readonly IAnsiConsole Quiet =
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

    private static string MapUrl(string argument, Func<Uri, Uri> mapServiceUrl) =>
        Uri.TryCreate(argument, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? mapServiceUrl(url).ToString()
            : argument;
}
