namespace Netra.Backend.Limits;

/// <summary>
/// A token bucket of <c>messagesPerMinute</c> tokens refilled continuously over a minute; the burst is the
/// whole minute's allowance. After <c>strikes</c> consecutive limited frames the sender is abusive.
/// Pure: time comes from the caller.
/// </summary>
public sealed class MessageRateLimiter
{
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly int _strikes;
    private readonly Lock _gate = new();
    private double _tokens;
    private DateTimeOffset _last;
    private int _consecutiveLimited;

    public MessageRateLimiter(int messagesPerMinute, int strikes, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messagesPerMinute);
        _capacity = messagesPerMinute;
        _tokensPerSecond = messagesPerMinute / 60.0;
        _strikes = Math.Max(1, strikes);
        _tokens = _capacity;
        _last = now;
    }

    public RateDecision Decide(DateTimeOffset now)
    {
        lock (_gate)
        {
            var elapsed = Math.Max(0, (now - _last).TotalSeconds);
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _tokensPerSecond));
            _last = now > _last ? now : _last;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                _consecutiveLimited = 0;
                return new RateDecision(RateVerdict.Allowed, TimeSpan.Zero);
            }

            _consecutiveLimited++;
            var retryAfter = TimeSpan.FromSeconds(Math.Ceiling((1 - _tokens) / _tokensPerSecond * 1000) / 1000);
            return new RateDecision(_consecutiveLimited > _strikes ? RateVerdict.Abusive : RateVerdict.Limited, retryAfter);
        }
    }
}
