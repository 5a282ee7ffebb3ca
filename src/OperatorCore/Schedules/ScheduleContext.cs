using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// What the stages of <see cref="ScheduleDecider"/> build up as they go, besides the observation: the status so far, the
/// actions, what fired (one trigger however many fired), the runs still active, and when to look again.
/// </summary>
public sealed class ScheduleContext(ScheduleObservation observation, DateTimeOffset now)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>The status as it stood before this decision.</summary>
    public TestRunScheduleStatus Before { get; } = observation.Schedule.Status ?? new TestRunScheduleStatus();

    public TestRunScheduleStatus Status { get; set; } = observation.Schedule.Status ?? new TestRunScheduleStatus();

    public List<ScheduleAction> Actions { get; } = [];

    /// <summary>The trigger that fired, merged with one queued before; null when none did.</summary>
    public RunTrigger? Fired { get; set; } = observation.Schedule.Status?.QueuedTrigger;

    public List<TestRun> Active { get; set; } = [];

    /// <summary>When to look again for the schedule's own sake (the next cron time, the end of a settle time).</summary>
    public TimeSpan? Wait { get; private set; }

    public TimeSpan? UntilCron { get; set; }

    public bool RollingOut { get; set; }

    public long Generation => observation.Schedule.Metadata.Generation ?? 0;

    public void WaitAtMost(TimeSpan? wait) => Wait = Wait is null ? wait : wait is null ? Wait : wait < Wait ? wait : Wait;

    /// <summary>Two triggers that fired before a run could start are one run: the later time, every workload.</summary>
    public void Fire(RunTrigger trigger) => Fired = Fired is not { } earlier ? trigger : new RunTrigger
    {
        Reason = earlier.Workloads.Count + trigger.Workloads.Count > 0 ? TriggerReasons.Rollout : TriggerReasons.Schedule,
        Time = earlier.Time > trigger.Time ? earlier.Time : trigger.Time,
        Workloads = [.. earlier.Workloads.Where(w => !trigger.Workloads.Any(l => Stages.RolloutStage.Same(l, w))).Concat(trigger.Workloads)],
    };

    /// <summary>The decision, with the status so far, the active runs and the Ready condition given.</summary>
    public ScheduleDecision Decided(bool ready, string reason, string message, TimeSpan? wait) => new(
        Actions,
        Status with
        {
            Active = [.. Active.Select(r => r.Metadata.Name).Order(StringComparer.Ordinal)],
            ActiveCount = Active.Count,
            Conditions = ScheduleConditions.Ready(Before, ready, reason, message, Generation, Now),
        },
        wait);
}
