using System.CommandLine;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Uninstall;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator run FILE</c>: a TestRun on this machine, or with <c>--cluster</c> in a cluster, followed to its end;
/// <c>wait NAME</c>: a cluster run followed to its end; <c>results NAME</c>: a cluster run's full results; <c>version</c>;
/// <c>serve</c>: the controller in a cluster; <c>uninstall</c>: every TestRun and TestRunSchedule deleted before the operator goes.
/// </summary>
public static class OperatorCommand
{
    /// <param name="progress">Progress, warnings and errors (standard error).</param>
    /// <param name="output">Results (standard output).</param>
    public static RootCommand Create(IAnsiConsole progress, TextWriter output)
    {
        var root = new RootCommand("The Netra TestRun operator.");
        root.Subcommands.Add(RunCommand.Create(progress, output));
        root.Subcommands.Add(WaitCommand.Create(progress, output));
        root.Subcommands.Add(ResultsCommand.Create(progress, output));
        root.Subcommands.Add(VersionCommand.Create(output));
        root.Subcommands.Add(CompletionCommand.Create(output));
        root.Subcommands.Add(ImagesCommand.Create(output));
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UninstallCommand.Create(Console.Error));
        return root;
    }
}
