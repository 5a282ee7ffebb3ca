using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules.Stages;

/// <summary>Whether a cron occurrence is due, and when the next one is.</summary>
public static class CronStage
{
    /// <summary>A cron occurrence due fires; the next one is when to look again. Never decides.</summary>
    public static ScheduleDecision? Decide(ScheduleObservation observation, ScheduleContext context)
    {
        if (observation.Spec.Cron is not { } cron)
        {
            return null;
        }

        var (due, untilNext) = Next(cron, observation.Schedule, context.Now);
        context.WaitAtMost(untilNext);
        context.UntilCron = untilNext;
        if (due is not null)
        {
            context.Status = context.Status with { LastScheduleTime = due.Time };
            context.Fire(due);
        }

        return null;
    }

    /// <summary>
    /// The latest occurrence since the last one acted on (or since the schedule was created), and the time until the
    /// one after <paramref name="now"/>.
    /// </summary>
    public static (RunTrigger? Due, TimeSpan? Wait) Next(CronSchedule cron, TestRunSchedule schedule, DateTimeOffset now)
    {
        var since = schedule.Status?.LastScheduleTime ?? CreatedAt(schedule) ?? now;
        var due = cron.LatestDue(since, now);
        var wait = cron.Next(now) is { } next ? next - now : (TimeSpan?)null;
        return (due is { } time ? new RunTrigger { Reason = TriggerReasons.Schedule, Time = time } : null, wait);
    }

    private static DateTimeOffset? CreatedAt(TestRunSchedule schedule) =>
        schedule.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null;
}
