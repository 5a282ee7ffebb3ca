using Netra.ControllerRuntime;
using Netra.Operator.Core.Schedules.Stages;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// The pure heart of the schedule controller: from the schedule, its runs, the watched workloads and the time, the runs
/// to start and delete, the next status and when to look again. Each stage has the same shape as the TestRun's; the
/// first to decide wins. Results are recorded before history is pruned; what fired (a cron occurrence, settled rollouts,
/// a queued trigger) merges into one trigger, which the concurrency policy starts, queues or lets replace the active runs.
/// </summary>
public static class ScheduleDecider
{
    /// <summary>How often the objects of readiness triggers are read.</summary>
    public static readonly TimeSpan ReadinessPoll = TimeSpan.FromSeconds(10);

    private static readonly Stage<ScheduleObservation, ScheduleContext, ScheduleDecision>[] Ordered =
    [
        ResultsStage.Decide,      // each finished run's result recorded once, the oldest runs pruned
        SpecStage.Decide,         // an invalid spec or a suspended schedule starts nothing
        CronStage.Decide,         // a cron occurrence due fires
        RolloutStage.Decide,      // settled rollouts fire together
        ConcurrencyStage.Decide,  // what fired starts, waits or replaces the active runs
    ];

    /// <summary>The stages' decision, and the verdict of each finished run written back to the workloads it verified.</summary>
    public static ScheduleDecision Decide(ScheduleObservation observation, DateTimeOffset now)
    {
        var decision = StagedDecision.First(Ordered, observation, new ScheduleContext(observation, now));
        var verdicts = VerdictWriteback.Decide(observation.Runs, observation.Workloads);
        return verdicts.Count == 0
            ? decision
            : decision with { Actions = [.. decision.Actions, .. verdicts.Select(verdict => new WriteVerdict(verdict))] };
    }
}
