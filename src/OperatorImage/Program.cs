using System.CommandLine;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Uninstall;

TestRunJson.Register();
// Signals are the commands' own (StopSignals): System.CommandLine's handler would not fire as PID 1 of an AOT image.
var root = new RootCommand("The Netra TestRun operator, as its cluster image runs it.")
{
    ServeCommand.Create(),
    UninstallCommand.Create(Console.Error),
};
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
