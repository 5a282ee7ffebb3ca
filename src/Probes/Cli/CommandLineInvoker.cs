using System.CommandLine;
using Spectre.Console;

namespace Netra.Probes.Cli;

/// <summary>
/// Runs a command line. One that does not parse, or an action that breaks, gets one line on
/// <paramref name="errors"/> (never a stack trace) and exits with the usage code, respectively 1.
/// </summary>
public static class CommandLineInvoker
{
    public static async Task<int> InvokeAsync(
        RootCommand root, IReadOnlyList<string> args, IAnsiConsole errors, int usageExit, CancellationToken cancellationToken = default)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var problems = ParseErrorText.Of(parsed.Errors, " ");
            errors.WriteLine($"{root.Name}: {problems} Run with --help for usage.");
            return usageExit;
        }

        // Signals are the caller's to handle (Program.cs): the run must still write its reports when stopped.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            errors.WriteLine($"{root.Name}: {error.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
