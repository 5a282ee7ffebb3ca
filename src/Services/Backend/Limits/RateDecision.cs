namespace Netra.Backend.Limits;

/// <summary>What happens to one client frame under the per-user rate limit.</summary>
public enum RateVerdict
{
    /// <summary>Within the rate: handle the frame.</summary>
    Allowed,

    /// <summary>Over the rate: drop the frame and answer <c>rate_limited</c>.</summary>
    Limited,

    /// <summary>Over the rate too many times in a row: close the connection with 4029.</summary>
    Abusive,
}

public readonly record struct RateDecision(RateVerdict Verdict, TimeSpan RetryAfter);
