namespace Netra.Operator.Core.Controller;

/// <summary>
/// Service configuration the scenarios rely on: short token lifetimes so that expiry can be
/// observed in seconds, fault injection for the recovery cases, and a breaker that opens and
/// recovers quickly. Every key is ordinary configuration the services document; the ephemeral
/// environments the operator deploys set the same values through the charts.
/// </summary>
public static class ProbeEnvironmentSettings
{
    /// <summary>Four-second tokens; demo passwords hashed cheaply, since the probes log in a few hundred times.</summary>
    public static IReadOnlyList<string> Auth { get; } =
    [
        "--Auth:AccessTokenLifetime=00:00:04",
        "--Auth:ClockSkew=00:00:00",
        "--Auth:DevelopmentSeedHashIterations=1000",
    ];

    /// <summary>
    /// One retry and short model timeouts keep the failure cases quick; the breaker opens only when
    /// nearly every call in its window failed, so the failure cases before <c>breaker-opens</c> do
    /// not open it by accident.
    /// </summary>
    public static IReadOnlyList<string> Agent { get; } =
    [
        "--Agent:FaultInjection:Enabled=true",
        "--Agent:Retry:MaxRetryAttempts=1",
        "--Agent:Llm:Timeout=00:00:00.200",
        "--Agent:CircuitBreaker:FailureRatio=0.9",
        "--Agent:CircuitBreaker:SamplingDuration=00:00:01",
        "--Agent:CircuitBreaker:BreakDuration=00:00:00.500",
    ];

    /// <summary>
    /// Checks every half second with a second to answer auth_expired; rate and connection limits high
    /// enough for ten scenarios acting as the same user at once, so that only the cases probing those
    /// limits (as the spare user) reach them.
    /// </summary>
    public static IReadOnlyList<string> Backend { get; } =
    [
        "--Backend:MaxConnectionsPerUser=50",
        "--Backend:AuthRecheckInterval=00:00:00.500",
        "--Backend:AuthRefreshGrace=00:00:01",
        "--Backend:MessagesPerMinute=600",
    ];
}
