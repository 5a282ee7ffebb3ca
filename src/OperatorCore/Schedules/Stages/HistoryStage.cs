using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules.Stages;

/// <summary>
/// Keeps the newest successful and failed runs up to their limits and deletes the older ones, as a CronJob does its
/// Jobs; a run is deleted only once its result is in the status, so no outcome is lost to the pruning.
/// </summary>
public static class HistoryStage
{
    public static IReadOnlyList<DeleteScheduledRun> Prune(
        IReadOnlyList<TestRun> runs, IReadOnlyList<ScheduledRunResult> recorded, ResolvedSchedule spec)
    {
        var finished = runs.Where(r => ScheduledRuns.IsFinished(r) && r.Metadata.DeletionTimestamp is null).ToList();
        return [.. Older(finished, Phases.Succeeded, spec.SuccessfulRunsHistoryLimit, recorded)
            .Concat(Older(finished, Phases.Failed, spec.FailedRunsHistoryLimit, recorded))
            .Select(run => new DeleteScheduledRun(run.Metadata.Name, DeleteScheduledRun.Pruned))];
    }

    private static IEnumerable<TestRun> Older(List<TestRun> finished, string phase, int keep, IReadOnlyList<ScheduledRunResult> recorded) =>
        finished.Where(r => r.Status!.Phase == phase)
            .OrderByDescending(r => r.Status!.CompletionTime)
            .ThenByDescending(r => r.Metadata.Name, StringComparer.Ordinal)
            .Skip(keep)
            .Where(r => ResultsStage.IsRecorded(r, recorded));
}
