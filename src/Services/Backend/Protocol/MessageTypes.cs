namespace Netra.Backend.Protocol;

/// <summary>The <c>type</c> of every envelope, as the wire contract names them.</summary>
public static class MessageTypes
{
    // Client -> server.
    public const string ThreadCreate = "thread_create";
    public const string ThreadSwitch = "thread_switch";
    public const string ThreadList = "thread_list";
    public const string ThreadHistory = "thread_history";
    public const string UserMessage = "user_message";
    public const string AgentCancel = "agent_cancel";
    public const string AuthRefresh = "auth_refresh";
    public const string Resume = "resume";
    public const string Ping = "ping";

    // Server -> client (agent events keep the agent's own type names).
    public const string Connected = "connected";
    public const string ThreadCreated = "thread_created";
    public const string ThreadSwitched = "thread_switched";
    public const string MessageAck = "message_ack";
    public const string AuthExpired = "auth_expired";
    public const string AuthRefreshed = "auth_refreshed";
    public const string RateLimited = "rate_limited";
    public const string Error = "error";
    public const string Pong = "pong";
}
