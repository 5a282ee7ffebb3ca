using System.CommandLine;
using Netra.Operator.Core;

namespace Netra.Operator.Cli;

/// <summary>
/// Runs a command line. One that does not parse, and any input the command refuses (<see cref="UsageException"/>),
/// is one line on standard error and exit code 2, never a stack trace.
/// </summary>
public static class CommandLine
{
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter error)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var messages = Netra.Probes.Cli.ParseErrorText.Of(parsed.Errors, "; ");
            await error.WriteLineAsync($"netra-operator: {messages} (see --help)");
            return ExitCodes.Invalid;
        }

        try
        {
            // Signals are the commands' own (StopSignals), so that they can report what finished before exiting.
            return await parsed.InvokeAsync(
                new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (UsageException refused)
        {
            await error.WriteLineAsync($"netra-operator: {refused.Message}");
            return ExitCodes.Invalid;
        }
    }
}

/// <summary>Input a command refuses: a file it cannot read, a manifest it cannot run, a path it cannot write.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
