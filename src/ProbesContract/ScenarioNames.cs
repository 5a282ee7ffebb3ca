namespace Netra.Probes.Contract;

/// <summary>The contract's ten scenario names, in its order.</summary>
public static class ScenarioNames
{
    public const string AuthWebSocketHandshake = "auth-websocket-handshake";
    public const string AgentLifecycleEvents = "agent-lifecycle-events";
    public const string CrossServiceAuthSync = "cross-service-auth-sync";
    public const string WebSocketReconnectionAuth = "websocket-reconnection-auth";
    public const string MultiAgentIsolation = "multi-agent-isolation";
    public const string AgentFailureRecovery = "agent-failure-recovery";
    public const string MessageFormatValidation = "message-format-validation";
    public const string AuthServiceIndependence = "auth-service-independence";
    public const string ThreadManagement = "thread-management";
    public const string StreamingAuthValidation = "streaming-auth-validation";

    public static IReadOnlyList<string> All { get; } =
    [
        AuthWebSocketHandshake,
        AgentLifecycleEvents,
        CrossServiceAuthSync,
        WebSocketReconnectionAuth,
        MultiAgentIsolation,
        AgentFailureRecovery,
        MessageFormatValidation,
        AuthServiceIndependence,
        ThreadManagement,
        StreamingAuthValidation,
    ];

    /// <summary>
    /// Scenarios that must run alone: an open circuit breaker fails every other scenario's agent
    /// calls. The probes run them after the others; the operator gives them a probe Job of their own.
    /// </summary>
    public static IReadOnlySet<string> Exclusive { get; } = new HashSet<string>(StringComparer.Ordinal) { AgentFailureRecovery };
}
