using Netra.Probes.Cli;
using Spectre.Console;

return await ProbesCommand.Create(AnsiConsole.Console).Parse(args).InvokeAsync();
