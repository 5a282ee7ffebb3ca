using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Netra.Backend.Protocol;
using Netra.Backend.Sessions;
using Netra.Backend.Threads;
using Polly;

namespace Netra.Backend.AgentRuns;

/// <summary>
/// Starts agent runs and relays their events, in order and one by one as they arrive, to the session that started
/// the run and to the user's other sessions watching the thread. The final report is stored in the thread.
/// </summary>
public sealed class AgentRunRelay(
    AgentClient agent,
    ThreadStore threads,
    SessionRegistry sessions,
    IHostApplicationLifetime lifetime,
    ILogger<AgentRunRelay> logger)
{
    /// <summary>How long the agent gets to acknowledge a cancel before the backend stops relaying on its own.</summary>
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, AgentRun> _runs = new(StringComparer.Ordinal);

    public int ActiveRuns => _runs.Count;

    public static string NewRunId() => $"run_{Guid.CreateVersion7():N}";

    /// <summary>Starts relaying the run in the background.</summary>
    public void Start(string runId, string userId, string threadId, string input, Session origin)
    {
        var run = new AgentRun(runId, userId, threadId, origin);
        _runs[runId] = run;
        _ = Task.Run(() => RelayAsync(run, input));
    }

    /// <summary>Cancels the user's run; false when there is no such run of this user.</summary>
    public async Task<bool> CancelAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue(runId, out var run) || !string.Equals(run.UserId, userId, StringComparison.Ordinal))
        {
            return false;
        }

        run.CancelRequested = true;
        bool accepted;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CancelTimeout);
        try
        {
            accepted = await agent.CancelAsync(runId, timeout.Token);
        }
        catch (Exception error) when (error is HttpRequestException or ExecutionRejectedException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Agent cancel of {RunId} failed: {Error}", runId, error.Message);
            accepted = false;
        }

        if (!accepted)
        {
            // The agent could not be told: at least stop relaying the run.
            await run.Cancellation.CancelAsync();
        }

        return true;
    }

    private async Task RelayAsync(AgentRun run, string input)
    {
        using var _ = run;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, lifetime.ApplicationStopping);
        var ended = false;
        var reportStored = false;
        try
        {
            await foreach (var agentEvent in agent.RunAsync(run.RunId, run.UserId, run.ThreadId, input, stopping.Token))
            {
                if (agentEvent.Type == AgentEvent.FinalReport)
                {
                    reportStored = await StoreReportAsync(run, agentEvent.Payload);
                }

                Deliver(run, agentEvent.Type, agentEvent.Payload);
                ended |= agentEvent.IsTerminal;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Cancelled by the user or the backend is stopping; reported below.
        }
        catch (Exception error) when (error is HttpRequestException or ExecutionRejectedException)
        {
            // The agent or, for the service token, the auth service could not be reached or refused.
            logger.LogWarning("Agent run {RunId} failed: {Error}", run.RunId, error.Message);
            Deliver(
                run,
                MessageTypes.Error,
                new ErrorPayload(
                    ErrorCodes.AgentUnavailable,
                    "the agent service could not run the request",
                    true,
                    run.RunId,
                    run.ThreadId));
            ended = true;
        }
        catch (IOException error)
        {
            logger.LogWarning("Agent run {RunId} stream broke: {Error}", run.RunId, error.Message);
        }
        finally
        {
            _runs.TryRemove(run.RunId, out AgentRun? _);
        }

        if (!reportStored)
        {
            // Storing the report ended the run in the store; any other ending is recorded here.
            await ForgetRunAsync(run);
        }

        if (!ended)
        {
            var payload = run.CancelRequested
                ? new ErrorPayload(ErrorCodes.RunCancelled, "the run was cancelled", false, run.RunId, run.ThreadId)
                : new ErrorPayload(
                    ErrorCodes.RunInterrupted,
                    "the agent stream ended before the run finished",
                    true,
                    run.RunId,
                    run.ThreadId);
            Deliver(run, MessageTypes.Error, payload);
        }
    }

    /// <summary>
    /// The run no longer needs an interruption marker, unless the backend is stopping under it: then the next start
    /// marks it in its thread.
    /// </summary>
    private async Task ForgetRunAsync(AgentRun run)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await threads.EndRunAsync(run.RunId, CancellationToken.None);
        }
        catch (SqliteException error)
        {
            logger.LogError(error, "Recording the end of {RunId} failed", run.RunId);
        }
    }

    private void Deliver(AgentRun run, string type, object payload)
    {
        run.Origin.Send(type, payload);
        foreach (var watcher in sessions.WatchingThread(run.ThreadId))
        {
            if (!ReferenceEquals(watcher, run.Origin))
            {
                watcher.Send(type, payload);
            }
        }
    }

    /// <summary>Stores the report's content in the thread (which also ends the run in the store); false when it was not stored.</summary>
    private async Task<bool> StoreReportAsync(AgentRun run, JsonElement payload)
    {
        var content = payload.TryGetProperty("content", out var element) && element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : null;
        if (content is null)
        {
            return false;
        }

        try
        {
            var stored = await threads.AppendMessageAsync(
                run.UserId, run.ThreadId, ChatMessage.AssistantRole, content, run.RunId, CancellationToken.None);
            return stored is not null;
        }
        catch (SqliteException error)
        {
            // The report still reaches the user; only the thread's copy is missing.
            logger.LogError(error, "Storing the final report of {RunId} failed", run.RunId);
            return false;
        }
    }
}
