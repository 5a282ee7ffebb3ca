using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Netra.Backend.Limits;

/// <summary>
/// Per user, shared by all of the user's connections: one limiter for every client frame, and one more for
/// <c>auth_refresh</c>, which costs a call to the auth service.
/// </summary>
public sealed class UserRateLimits(IOptions<BackendOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, MessageRateLimiter> _frames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MessageRateLimiter> _refreshes = new(StringComparer.Ordinal);

    public RateDecision Decide(string userId) => Decide(_frames, userId, options.Value.MessagesPerMinute);

    public RateDecision DecideRefresh(string userId) => Decide(_refreshes, userId, options.Value.AuthRefreshesPerMinute);

    private RateDecision Decide(ConcurrentDictionary<string, MessageRateLimiter> limiters, string userId, int perMinute)
    {
        var now = time.GetUtcNow();
        var limiter = limiters.GetOrAdd(userId, _ => new MessageRateLimiter(perMinute, options.Value.RateLimitStrikes, now));
        return limiter.Decide(now);
    }
}
