using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedule.Stages;

/// <summary>Whether a cron occurrence is due, and when the next one is.</summary>
public static class CronStage
{
    /// <summary>
    /// The latest occurrence since the last one acted on (or since the schedule was created), and the time until the
    /// one after <paramref name="now"/>.
    /// </summary>
    public static (RunTrigger? Due, TimeSpan? Wait) Decide(CronSchedule cron, TestRunSchedule schedule, DateTimeOffset now)
    {
        var since = schedule.Status?.LastScheduleTime ?? CreatedAt(schedule) ?? now;
        var due = cron.LatestDue(since, now);
        var wait = cron.Next(now) is { } next ? next - now : (TimeSpan?)null;
        return (due is { } time ? new RunTrigger { Reason = TriggerReasons.Schedule, Time = time } : null, wait);
    }

    private static DateTimeOffset? CreatedAt(TestRunSchedule schedule) =>
        schedule.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null;
}
