using Netra.Operator.Cli;
using Spectre.Console;

return await OperatorCommand.Create(AnsiConsole.Console).Parse(args).InvokeAsync();
