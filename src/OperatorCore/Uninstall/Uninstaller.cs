using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Uninstall;

/// <summary>
/// Deletes every TestRunSchedule, then every TestRun, in every namespace (the namespaces serve watches), and waits until
/// none is left. Each pass lists and deletes again, so a run a schedule started just before it went is deleted too. A run
/// with the finalizer netra.io/cleanup goes once the running operator has deleted its namespace and let it go.
/// </summary>
public sealed class Uninstaller(IKubernetes client, TextWriter progress)
{
    /// <summary>Between two passes. A pass is two lists and a delete for each object not yet going: cheap for the API server.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>An unchanged wait is said again after this, so that a log shows the command still waits.</summary>
    private static readonly TimeSpan Reminder = TimeSpan.FromSeconds(30);

    private int _deletedSchedules;
    private int _deletedRuns;

    /// <returns>0 when none is left; 1 past <paramref name="timeout"/> or when the API server refuses; 130 or 143 on a signal.</returns>
    public async Task<int> RunAsync(TimeSpan timeout, StopSignals signals)
    {
        var clock = Stopwatch.StartNew();
        var (said, saidAt) = (string.Empty, TimeSpan.Zero);
        Leftovers? left = null;
        string? problem = null;
        try
        {
            while (true)
            {
                try
                {
                    left = await PassAsync(signals.Token);
                    problem = null;
                }
                catch (HttpOperationException error)
                    when (error.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                {
                    await progress.WriteLineAsync($"netra-operator: {ApiErrors.Describe(error)}");
                    return ExitCodes.Failed;
                }
                catch (Exception error) when (error is HttpOperationException or HttpRequestException or TimeoutException
                    || (error is TaskCanceledException && !signals.Token.IsCancellationRequested))
                {
                    problem = ApiErrors.Describe(error);
                }

                if (problem is null && left!.IsEmpty)
                {
                    await progress.WriteLineAsync(UninstallReport.Done(_deletedSchedules, _deletedRuns));
                    return ExitCodes.Succeeded;
                }

                if (clock.Elapsed >= timeout)
                {
                    await progress.WriteLineAsync(UninstallReport.GaveUp($"timed out after {GoDuration.Format(timeout)}", left, problem));
                    return ExitCodes.Failed;
                }

                var line = problem is null ? UninstallReport.Waiting(left!) : UninstallReport.Retrying(problem);
                if (line != said || clock.Elapsed - saidAt >= Reminder)
                {
                    await progress.WriteLineAsync(line);
                    (said, saidAt) = (line, clock.Elapsed);
                }

                await Task.Delay(TimeSpan.FromTicks(Math.Clamp((timeout - clock.Elapsed).Ticks, 0, Pause.Ticks)), signals.Token);
            }
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            await progress.WriteLineAsync(UninstallReport.GaveUp(signals.Why, left, problem));
            return signals.ExitCode ?? ExitCodes.Interrupted;
        }
    }

    /// <summary>Schedules first, so that none starts a run after the runs were listed; what was listed is what is left.</summary>
    private async Task<Leftovers> PassAsync(CancellationToken cancellationToken)
    {
        var schedules = await DeleteAllAsync<TestRunSchedule>(TestRunSchedule.Plural, cancellationToken);
        _deletedSchedules += schedules.Deleted;
        var runs = await DeleteAllAsync<TestRun>(TestRun.Plural, cancellationToken);
        _deletedRuns += runs.Deleted;
        return new Leftovers(schedules.Listed, runs.Listed);
    }

    private async Task<(IReadOnlyList<string> Listed, int Deleted)> DeleteAllAsync<T>(string plural, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        IReadOnlyList<T> items;
        try
        {
            (items, _) = await new CustomResourceSource<T>(client, TestRun.Group, TestRun.Version, plural).ListAsync(item => item, cancellationToken);
        }
        catch (HttpOperationException error) when (ApiErrors.IsNotFound(error))
        {
            // The CRD is not installed (deleted first, or never): there is none of them to wait for.
            return ([], 0);
        }

        var deleting = items.Where(item => item.Metadata.DeletionTimestamp is null).ToList();
        foreach (var item in deleting)
        {
            await ApiErrors.DeleteIfPresentAsync(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                TestRun.Group, TestRun.Version, item.Metadata.NamespaceProperty, plural, item.Metadata.Name,
                cancellationToken: cancellationToken));
        }

        return ([.. items.Select(item => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}")], deleting.Count);
    }
}
