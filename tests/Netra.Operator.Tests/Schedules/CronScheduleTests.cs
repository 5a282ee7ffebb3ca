using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Tests.Schedules;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("*/15 * * * *", null, "2026-11-24T12:07:00Z", "2026-11-24T12:15:00Z")]
    [InlineData("0 3 * * *", null, "2026-11-24T12:07:00Z", "2026-11-25T03:00:00Z")]
    [InlineData("0 3 * * *", "Europe/Berlin", "2026-11-24T12:07:00Z", "2026-11-25T02:00:00Z")]
    [InlineData("*/5 * * * * *", null, "2026-11-24T12:07:01Z", "2026-11-24T12:07:05Z")]
    [InlineData("@hourly", null, "2026-11-24T12:07:00Z", "2026-11-24T13:00:00Z")]
    public void The_next_occurrence_follows_the_expression_in_its_time_zone(string expression, string? zone, string after, string next)
    {
        var (schedule, problem) = CronSchedule.Parse(expression, zone);

        Assert.Null(problem);
        var expected = DateTimeOffset.Parse(next, null, System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.Equal(expected, schedule!.Next(DateTimeOffset.Parse(after)));
    }

    [Theory]
    [InlineData("61 * * * *", null, "is not a cron expression")]
    [InlineData("* * *", null, "is not a cron expression")]
    [InlineData("0 3 * * *", "Mars/Olympus_Mons", "not a known time zone")]
    public void A_bad_expression_or_time_zone_is_named(string expression, string? zone, string problem)
    {
        var (schedule, found) = CronSchedule.Parse(expression, zone);

        Assert.Null(schedule);
        Assert.Contains(problem, found, StringComparison.Ordinal);
    }

    [Fact]
    public void Missed_occurrences_stand_for_one_the_latest()
    {
        var (schedule, _) = CronSchedule.Parse("*/10 * * * *", null);
        var since = DateTimeOffset.Parse("2026-11-24T12:00:00Z");

        var now = DateTimeOffset.Parse("2026-11-24T12:55:00Z");
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T12:50:00Z"), schedule!.LatestDue(since, now));
        Assert.Null(schedule.LatestDue(since, DateTimeOffset.Parse("2026-11-24T12:09:59Z")));
        Assert.Equal(DateTimeOffset.Parse("2026-12-24T12:50:00Z"), schedule.LatestDue(since, DateTimeOffset.Parse("2026-12-24T12:55:00Z")));
    }
}
