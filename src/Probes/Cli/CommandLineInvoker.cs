using System.CommandLine;
using Spectre.Console;

namespace Netra.Probes.Cli;

/// <summary>Runs a command line; one that does not parse prints what is wrong and exits with the usage code.</summary>
public static class CommandLineInvoker
{
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, IAnsiConsole console, int usageExit)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0)
        {
            return await parsed.InvokeAsync();
        }

        foreach (var error in parsed.Errors)
        {
            console.MarkupLineInterpolated($"[red]{error.Message}[/]");
        }

        console.MarkupLine("Run with [bold]--help[/] for usage.");
        return usageExit;
    }
}
