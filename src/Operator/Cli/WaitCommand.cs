using System.CommandLine;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Spectre.Console;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator wait NAME</c>: follows a TestRun someone else started in a cluster to its end, with the same progress,
/// table, verdict, reports and exit codes as <c>run --cluster</c>. A run already over ends at once.
/// </summary>
public static class WaitCommand
{
    public static Command Create(IAnsiConsole progress, TextWriter output)
    {
        var name = new Argument<string>("NAME") { Description = "The TestRun's name." };
        var timeout = FollowTimeout.Create("10m", whenNone: string.Empty);
        var format = StatusDocument.FormatOption();
        var reports = new ReportOptions();
        var cluster = new ClusterOptions();
        var wait = new Command("wait", "Follow a TestRun in a cluster until it finishes; print its results as run does.") { name, timeout, format };
        cluster.AddTo(wait, reports);

        wait.SetAction(async (parsed, cancellationToken) =>
        {
            var outputs = reports.Outputs(parsed);
            using var connection = cluster.Connect(parsed);
            var (runs, ns) = (connection.Runs, connection.Namespace);
            var run = await runs.ReadExistingAsync(ns, parsed.GetRequiredValue(name), cancellationToken);
            using var signals = new StopSignals();
            progress.MarkupLineInterpolated($"Following TestRun [bold]{run.Metadata.Name}[/] in the cluster, namespace {ns}.");
            return await new RunFollower(progress, output, runs).FollowAsync(
                ns, run.Metadata.Name, outputs, parsed.GetRequiredValue(format), FollowTimeout.Value(parsed, timeout), signals);
        });
        return wait;
    }
}
