using Netra.Backend.Limits;

namespace Netra.Backend.Tests.Unit;

public sealed class MessageRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Frames at the given millisecond offsets; the verdict of each, in order.</summary>
    [Theory]
    [InlineData(3, 2, new[] { 0, 0, 0 }, "Allowed,Allowed,Allowed")]
    [InlineData(3, 2, new[] { 0, 0, 0, 0 }, "Allowed,Allowed,Allowed,Limited")]
    [InlineData(3, 2, new[] { 0, 0, 0, 0, 0, 0 }, "Allowed,Allowed,Allowed,Limited,Limited,Abusive")]
    [InlineData(60, 2, new[] { 0, 1000 }, "Allowed,Allowed")]
    // One token per 20 s at 3/min: the fourth frame passes once 20 s have refilled a token.
    [InlineData(3, 2, new[] { 0, 0, 0, 19_000, 20_100 }, "Allowed,Allowed,Allowed,Limited,Allowed")]
    // An allowed frame resets the strikes.
    [InlineData(3, 1, new[] { 0, 0, 0, 0, 20_100, 20_100 }, "Allowed,Allowed,Allowed,Limited,Allowed,Limited")]
    // A long pause refills up to the burst only.
    [InlineData(2, 5, new[] { 0, 600_000, 600_000, 600_000 }, "Allowed,Allowed,Allowed,Limited")]
    public void Verdicts_follow_the_token_bucket(int perMinute, int strikes, int[] offsetsMs, string expected)
    {
        var limiter = new MessageRateLimiter(perMinute, strikes, Start);

        var verdicts = offsetsMs.Select(offset => limiter.Decide(Start.AddMilliseconds(offset)).Verdict.ToString());

        Assert.Equal(expected, string.Join(',', verdicts));
    }

    [Theory]
    [InlineData(60, 0, 1000)]
    [InlineData(60, 500, 500)]
    [InlineData(120, 0, 500)]
    [InlineData(6, 0, 10_000)]
    public void Retry_after_is_the_time_until_the_next_token(int perMinute, int waitedMs, int expectedRetryMs)
    {
        var limiter = new MessageRateLimiter(perMinute, 10, Start);
        for (var i = 0; i < perMinute; i++)
        {
            limiter.Decide(Start);
        }

        var decision = limiter.Decide(Start.AddMilliseconds(waitedMs));

        Assert.Equal(RateVerdict.Limited, decision.Verdict);
        Assert.Equal(expectedRetryMs, decision.RetryAfter.TotalMilliseconds, precision: 0);
    }
}
