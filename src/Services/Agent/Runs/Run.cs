using Netra.Agent.Faults;

namespace Netra.Agent.Runs;

/// <summary>One agent run: who asked, what for, where it is, and how to stop it.</summary>
public sealed class Run(
    string runId,
    string clientId,
    string userId,
    string threadId,
    string input,
    string agentName,
    RunFaults faults,
    DateTimeOffset startedAt)
    : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private volatile RunStatusSnapshot _state = new(RunStatus.Running, null);

    public string RunId { get; } = runId;

    /// <summary>The service client (token <c>sub</c>) that started the run; only it may read or cancel it.</summary>
    public string ClientId { get; } = clientId;

    public string UserId { get; } = userId;

    public string ThreadId { get; } = threadId;

    public string Input { get; } = input;

    public string AgentName { get; } = agentName;

    public RunFaults Faults { get; } = faults;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public RunStatus Status => _state.Status;

    public DateTimeOffset? CompletedAt => _state.CompletedAt;

    public bool IsActive => Status == RunStatus.Running;

    public CancellationToken Cancellation => _cancellation.Token;

    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run has already finished and let go of its token.
        }
    }

    public void Finish(RunStatus status, DateTimeOffset at) => _state = new RunStatusSnapshot(status, at);

    public void Dispose() => _cancellation.Dispose();

    private sealed record RunStatusSnapshot(RunStatus Status, DateTimeOffset? CompletedAt);
}
