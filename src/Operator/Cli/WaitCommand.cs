using System.CommandLine;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Spectre.Console;
using Netra.Probes.Contract;

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
        var timeout = new Option<string>("--timeout")
        {
            Description = "How long to wait (a duration: 90s, 10m, 1h); past it, exit 1 saying what the run was doing.",
            DefaultValueFactory = _ => "10m",
        };
        timeout.Validators.Add(result =>
        {
            if (!GoDuration.TryParse(result.GetValueOrDefault<string>(), out var limit) || limit <= TimeSpan.Zero)
            {
                result.AddError($"--timeout must be a positive duration such as 90s, 10m or 1h, not '{result.GetValueOrDefault<string>()}'.");
            }
        });
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
                ns, run.Metadata.Name, outputs, parsed.GetRequiredValue(format), GoDuration.Parse(parsed.GetRequiredValue(timeout)), signals);
        });
        return wait;
    }
}
