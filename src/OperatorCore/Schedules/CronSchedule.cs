using Cronos;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// A parsed <c>spec.schedule</c> in its time zone: five fields (minutes first) or six (seconds first), as Cronos reads them.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        _zone = zone;
    }

    /// <summary>The schedule, or why it cannot be one.</summary>
    public static (CronSchedule? Schedule, string? Problem) Parse(string text, string? timeZone)
    {
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrEmpty(timeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return (null, $"timeZone \"{timeZone}\" is not a known time zone.");
        }

        var trimmed = text.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            return (new CronSchedule(CronExpression.Parse(trimmed, format), zone), null);
        }
        catch (CronFormatException error)
        {
            return (null, $"schedule \"{text}\" is not a cron expression: {error.Message}");
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, _zone);

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="now"/>], or null when none is due.</summary>
    public DateTimeOffset? LatestDue(DateTimeOffset after, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        // A dense schedule missed for long would take many steps: when the last day holds an occurrence, start there.
        var dayAgo = now.AddDays(-1);
        var from = dayAgo > after && Next(dayAgo) <= now ? dayAgo : after;
        // Missed occurrences are not run one by one, as a CronJob controller does not: the latest stands for them.
        for (var next = Next(from); next is { } due && due <= now; next = Next(due))
        {
            latest = due;
        }

        return latest;
    }
}
