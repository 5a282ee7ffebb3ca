using k8s.Autorest;
using Netra.Operator.Core;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Reporting;
using Spectre.Console;
using Netra.Probes.Contract;

namespace Netra.Operator.Cli;

/// <summary>
/// Follows a TestRun in a cluster to its end, telling its progress as it goes (<see cref="RunProgress"/>), then ends it as
/// the local run ends: reports, table, verdict, the status on standard output, the exit code (<see cref="RunVerdict"/>).
/// It reads the run, then watches it, so that every status the operator writes is seen, in order. Ctrl-C or SIGTERM stops
/// the following, not the run; a <c>timeout</c> that passes first fails with what the run was doing.
/// </summary>
public sealed class RunFollower(IAnsiConsole progress, TextWriter output, ClusterRuns runs)
{
    /// <summary>How long to wait before watching again when a watch broke (the API server restarted, a proxy cut it).</summary>
    private static readonly TimeSpan RewatchDelay = TimeSpan.FromSeconds(1);

    private TestRunStatus? _shown;
    private TestRun? _last;

    public async Task<int> FollowAsync(
        string ns, string name, ReportOutputs reports, string format, TimeSpan? timeout, StopSignals signals)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(signals.Token);
        if (timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        TestRun finished;
        try
        {
            finished = await UntilOverAsync(ns, name, deadline.Token);
        }
        catch (OperationCanceledException) when (signals.ExitCode is { } stopped)
        {
            progress.MarkupLineInterpolated(
                $"Stopped following; TestRun {ns}/{name} goes on in the cluster (netra-operator wait {name} -n {ns} follows it again).");
            return stopped;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            progress.MarkupLineInterpolated(
                $"[red]Timed out[/] after {GoDuration.Format(timeout!.Value)} waiting for TestRun {ns}/{name}; it was {RunProgress.Doing(_last)}");
            return ExitCodes.Failed;
        }

        var (report, _) = await runs.ResultsAsync(finished, CancellationToken.None);
        var status = finished.Status!;
        var exit = await RunVerdict.ConcludeAsync(progress, reports, status, report);
        await output.WriteAsync(StatusDocument.Serialize(status, format));
        await output.FlushAsync(CancellationToken.None);
        return exit;
    }

    private async Task<TestRun> UntilOverAsync(string ns, string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await runs.ReadExistingAsync(ns, name, cancellationToken);
            if (Seen(run))
            {
                return run;
            }

            try
            {
                await foreach (var written in runs.WatchAsync(ns, name, run.Metadata.ResourceVersion, cancellationToken))
                {
                    if (Seen(written))
                    {
                        return written;
                    }
                }
            }
            catch (Exception broken) when (broken is HttpRequestException or HttpOperationException or IOException)
            {
                await Task.Delay(RewatchDelay, cancellationToken);
            }
        }
    }

    /// <summary>Tells what changed since the status last told; true once the run is over.</summary>
    private bool Seen(TestRun run)
    {
        _last = run;
        foreach (var line in RunProgress.Lines(_shown, run))
        {
            progress.MarkupLine(line);
        }

        _shown = RunProgress.IsCurrent(run) ? run.Status : _shown;
        return RunProgress.IsOver(run);
    }
}
