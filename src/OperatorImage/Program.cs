using System.CommandLine;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Serve;

TestRunJson.Register();
return await new RootCommand("The Netra TestRun operator, as its cluster image runs it.") { ServeCommand.Create() }.Parse(args).InvokeAsync();
