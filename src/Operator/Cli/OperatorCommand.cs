using System.CommandLine;
using k8s;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;
using Netra.Operator.Core.Serve;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary><c>netra-operator run FILE</c>: a TestRun on this machine; <c>serve</c>: the controller in a cluster.</summary>
public static class OperatorCommand
{
    public static RootCommand Create(IAnsiConsole console)
    {
        var root = new RootCommand("The Netra TestRun operator.");
        root.Subcommands.Add(RunCommand(console));
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }

    private static Command RunCommand(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A TestRun manifest, as you would kubectl apply it." };
        var run = new Command("run", "Run a TestRun on this machine: services in process on loopback, probes in process; print its status.")
        {
            file,
        };
        run.SetAction(async (parsed, cancellationToken) =>
        {
            TestRun testRun;
            try
            {
                testRun = TestRunManifest.Load(parsed.GetRequiredValue(file).FullName);
            }
            catch (TestRunManifest.InvalidManifestException error)
            {
                console.MarkupLineInterpolated($"[red]{error.Message}[/]");
                return ExitCodes.Invalid;
            }

            var localRun = new LocalRun(console, TimeProvider.System);
            localRun.Progress += message => console.MarkupLineInterpolated($"[grey]{message}[/]");
            console.MarkupLineInterpolated($"Running TestRun [bold]{testRun.Metadata.Name ?? "(unnamed)"}[/] locally.");

            var finished = await localRun.ExecuteAsync(testRun, cancellationToken);

            console.WriteLine();
            console.WriteLine(KubernetesYaml.Serialize(new StatusDocument(finished.Status!)));
            return finished.Status?.Phase switch
            {
                Phases.Succeeded => ExitCodes.Succeeded,
                Phases.Failed => ExitCodes.Failed,
                _ => ExitCodes.Invalid,
            };
        });
        return run;
    }

    private sealed record StatusDocument([property: System.Text.Json.Serialization.JsonPropertyName("status")] TestRunStatus Status);
}
