using Spectre.Console;

namespace Netra.Probes.Cli;

/// <summary>The consoles <c>netra-probes</c> writes to: results on stdout, progress and errors on stderr.</summary>
public static class Consoles
{
    /// <summary>
    /// A console on <paramref name="writer"/>. Without a terminal (a file, a pipe, a pod's log) it writes
    /// plain text and never wraps: Spectre.Console would otherwise wrap every line at 80 columns.
    /// </summary>
    public static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = 4096;
        }

        return console;
    }
}
