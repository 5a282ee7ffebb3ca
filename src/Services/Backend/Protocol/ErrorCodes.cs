namespace Netra.Backend.Protocol;

/// <summary>The <c>code</c> of <c>error</c> messages the backend itself produces.</summary>
public static class ErrorCodes
{
    public const string InvalidMessage = "invalid_message";
    public const string ThreadNotFound = "thread_not_found";
    public const string SessionExpired = "session_expired";
    public const string RunNotFound = "run_not_found";
    public const string InvalidToken = "invalid_token";
    public const string AgentUnavailable = "agent_unavailable";
    public const string RunInterrupted = "run_interrupted";
    public const string RunCancelled = "run_cancelled";
    public const string InternalError = "internal_error";
}
