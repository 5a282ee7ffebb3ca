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
    public static async Task<(int ExitCode, string TerminationMessage)> RunAsync(
        V1Container container, Func<Uri, Uri> mapServiceUrl, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var terminationLog = Path.GetTempFileName();
        try
        {
            var args = container.Args
                .Select(a => a == ProbeCommandLine.TerminationLogPath ? terminationLog : MapUrl(a, mapServiceUrl))
                .ToArray();
            var exitCode = await ProbesCommand.Create(console).Parse(args).InvokeAsync(cancellationToken: cancellationToken);
            return (exitCode, await File.ReadAllTextAsync(terminationLog, cancellationToken));
        }
        finally
        {
            File.Delete(terminationLog);
        }
    }

    private static string MapUrl(string argument, Func<Uri, Uri> mapServiceUrl) =>
        Uri.TryCreate(argument, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? mapServiceUrl(url).ToString() : argument;
}
