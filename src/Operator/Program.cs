using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Cli;
using Netra.Probes.Cli;
using Spectre.Console;

TestRunJson.Register();
return await CommandLineInvoker.InvokeAsync(OperatorCommand.Create(AnsiConsole.Console), args, AnsiConsole.Console, ExitCodes.Invalid);
