namespace Netra.Probes.Scenarios;

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
}
