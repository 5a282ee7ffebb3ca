namespace Netra.Agent.Resilience;

/// <summary>Retries of a failed or timed-out model call, bound from <c>Agent:Retry</c>: exponential backoff with jitter.</summary>
public sealed class RetryOptions
{
    public const string Section = "Agent:Retry";

    /// <summary>Retries after the first attempt (0 turns retrying off); each model call makes at most this + 1 attempts.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);
}
