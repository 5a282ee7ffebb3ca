namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// Service configuration the scenarios rely on: one user whose tokens expire in seconds, so that expiry can be
/// observed, fault injection for the recovery cases, and a breaker that opens and recovers quickly. Every
/// other user keeps the default token lifetime and clock skew, so no case that is not about expiry depends
/// on how fast the machine is. Every key is ordinary configuration the services document; the ephemeral
/// environments the operator deploys set the same values through the charts.
/// </summary>
public static class ProbeEnvironmentSettings
{
    /// <summary>
    /// The user whose tokens live seconds: the probes' expiry user (<c>NETRA_PROBES_EXPIRY_USER</c>, the seed's <c>dave</c>).
    /// </summary>
    public const string ExpiryUser = "dave";

    /// <summary>
    /// Four-second tokens for the expiry user only; demo passwords hashed cheaply, so that the seeded users'
    /// logins cost little (the probes log in once per user and a few times more for the login cases).
    /// </summary>
    public static IReadOnlyList<string> Auth { get; } =
    [
        $"--Auth:UserAccessTokenLifetimes:{ExpiryUser}=00:00:04",
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
