using Netra.Operator.Cli;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Cli;

TestRunJson.Register();
var progress = Consoles.Create(Console.Error, Console.IsErrorRedirected);
return await CommandLine.InvokeAsync(OperatorCommand.Create(progress, Console.Out), args, Console.Error);
