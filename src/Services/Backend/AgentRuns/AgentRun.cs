using Netra.Backend.Sessions;

namespace Netra.Backend.AgentRuns;

/// <summary>A run in progress: whose it is, where its events go, and how to stop relaying it.</summary>
public sealed class AgentRun(string runId, string userId, string threadId, Session origin) : IDisposable
{
    public string RunId { get; } = runId;

    public string UserId { get; } = userId;

    public string ThreadId { get; } = threadId;

    /// <summary>The session that sent the <c>user_message</c>; it receives every event even while disconnected.</summary>
    public Session Origin { get; } = origin;

    public CancellationTokenSource Cancellation { get; } = new();

    public bool CancelRequested { get; set; }

    public void Dispose() => Cancellation.Dispose();
}
