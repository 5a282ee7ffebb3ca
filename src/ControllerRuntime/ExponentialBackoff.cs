namespace Netra.ControllerRuntime;

/// <summary>Per-key retry delays: <c>base × 2^(failures-1)</c>, capped; the first failure waits <c>base</c>.</summary>
public sealed record ExponentialBackoff(TimeSpan Base, TimeSpan Max)
{
    public static ExponentialBackoff Default { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        // Past 2^30 the cap has long been reached; stopping there keeps the shift in range.
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = Base.TotalMilliseconds * factor;
        return delay >= Max.TotalMilliseconds ? Max : TimeSpan.FromMilliseconds(delay);
    }
}
