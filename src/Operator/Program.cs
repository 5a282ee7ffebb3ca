using Netra.Operator.Cli;
using Netra.Probes.Cli;
using Spectre.Console;

return await CommandLineInvoker.InvokeAsync(OperatorCommand.Create(AnsiConsole.Console), args, AnsiConsole.Console, OperatorCommand.ExitInvalid);
