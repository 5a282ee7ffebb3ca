using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Netra.Backend.Limits;

/// <summary>One rate limiter per user, shared by all of the user's connections.</summary>
public sealed class UserRateLimits(IOptions<BackendOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, MessageRateLimiter> _limiters = new(StringComparer.Ordinal);

    public RateDecision Decide(string userId)
    {
        var now = time.GetUtcNow();
        var limiter = _limiters.GetOrAdd(
            userId,
            _ => new MessageRateLimiter(options.Value.MessagesPerMinute, options.Value.RateLimitStrikes, now));
        return limiter.Decide(now);
    }
}
