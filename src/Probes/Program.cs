using Netra.Probes.Cli;
using Spectre.Console;

return await CommandLineInvoker.InvokeAsync(ProbesCommand.Create(AnsiConsole.Console), args, AnsiConsole.Console, ProbesCommand.ExitUsage);
