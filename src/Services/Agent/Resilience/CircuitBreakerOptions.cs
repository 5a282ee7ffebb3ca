namespace Netra.Agent.Resilience;

/// <summary>
/// The model's circuit breaker, bound from <c>Agent:CircuitBreaker</c>. It opens when at least
/// <see cref="FailureRatio"/> of at least <see cref="MinimumThroughput"/> model attempts within
/// <see cref="SamplingDuration"/> failed, and lets one trial call through after <see cref="BreakDuration"/>.
/// </summary>
public sealed class CircuitBreakerOptions
{
    public const string Section = "Agent:CircuitBreaker";

    public int MinimumThroughput { get; set; } = 5;

    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Polly's own bounds, checked at start-up rather than at the first call.</summary>
    public bool IsValid() =>
        MinimumThroughput >= 2
        && FailureRatio is > 0 and <= 1
        && SamplingDuration >= TimeSpan.FromMilliseconds(500)
        && BreakDuration >= TimeSpan.FromMilliseconds(500);
}
