using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Netra.Agent.Llm;
using Netra.Agent.Resilience;
using Netra.Agent.Runs;
using Netra.Agent.Tools;

namespace Netra.Agent.Supervisor;

/// <summary>
/// Runs one request: hands it to the sub-agent chosen by <see cref="AgentRouter"/>, which asks the
/// model for a plan, executes the tool calls of that plan, asks the model for the answer and streams
/// it. Every step is an event, in the contract's order; a failure ends the stream with <c>error</c>
/// (or, in degraded mode when the model is unavailable, with a degraded <c>final_report</c>).
/// </summary>
public sealed class AgentSupervisor(
    ResilientLlm llm,
    ToolRunner tools,
    ToolCatalog toolCatalog,
    IOptions<StreamingOptions> streaming,
    IOptions<RunOptions> runOptions,
    TimeProvider time,
    ILogger<AgentSupervisor> logger)
{
    /// <summary>A model asking for more tool calls than this in one plan is cut short.</summary>
    private const int MaxToolCallsPerRun = 8;

    public async Task<RunStatus> RunAsync(Run run, RunEventWriter events)
    {
        var cancellation = run.Cancellation;
        var profile = SubAgentCatalog.Get(run.AgentName);
        var started = time.GetTimestamp();
        var toolResults = new List<(string Tool, JsonObject Result)>();
        try
        {
            events.AgentStarted(profile.Name);
            events.AgentThinking($"Supervisor: routing to {profile.Name}, which {profile.Job}.");

            var specs = profile.ToolNames.Select(name => toolCatalog.Get(name).Spec).ToList();
            List<LlmMessage> conversation = [LlmMessage.System(profile.Instructions), LlmMessage.User(run.Input)];
            var plan = await events.AwaitSentAsync(llm.CompleteAsync(new LlmRequest(conversation, specs), run.Faults, cancellation), cancellation);
            if (plan.ToolCalls.Count == 0)
            {
                events.AgentThinking("No tool is needed; answering directly.");
                await StreamAnswerAsync(run, events, profile, started, plan.Content, toolResults, degraded: false);
                return RunStatus.Completed;
            }

            events.AgentThinking(string.IsNullOrWhiteSpace(plan.Content) ? "Calling tools." : plan.Content);
            var calls = plan.ToolCalls.Take(MaxToolCallsPerRun).ToList();
            conversation.Add(LlmMessage.Assistant(plan.Content, calls));
            foreach (var call in calls)
            {
                if (!profile.ToolNames.Contains(call.Name))
                {
                    throw new ToolFailedException($"{profile.Name} may not call '{call.Name}'.", isTransient: false);
                }

                var arguments = ToolRunner.ParseArguments(call);
                events.ToolExecuting(call.Name, arguments);
                var result = await events.AwaitSentAsync(tools.RunAsync(call.Name, arguments, run.Faults, cancellation), cancellation);
                events.ToolCompleted(call.Name, result);
                toolResults.Add((call.Name, result));
                conversation.Add(LlmMessage.ToolResult(call.Id, result.ToJsonString()));
            }

            var answer = await events.AwaitSentAsync(llm.CompleteAsync(new LlmRequest(conversation, []), run.Faults, cancellation), cancellation);
            await StreamAnswerAsync(run, events, profile, started, answer.Content, toolResults, degraded: false);
            return RunStatus.Completed;
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            await TryEndWithErrorAsync(events, RunFailure.Cancelled);
            return RunStatus.Cancelled;
        }
        catch (Exception e)
        {
            var failure = RunFailure.From(e);
            if (failure.Code == "internal_error")
            {
                logger.LogError(e, "Run {RunId} failed unexpectedly", run.RunId);
            }
            else
            {
                logger.LogInformation("Run {RunId} failed: {Code} ({Reason})", run.RunId, failure.Code, e.Message);
            }

            if (failure.ModelUnavailable && runOptions.Value.DegradedMode)
            {
                return await DegradeAsync(run, events, profile, started, toolResults);
            }

            await TryEndWithErrorAsync(events, failure);
            return RunStatus.Failed;
        }
    }

    private async Task<RunStatus> DegradeAsync(
        Run run, RunEventWriter events, SubAgentProfile profile, long started, List<(string Tool, JsonObject Result)> toolResults)
    {
        var known = toolResults.Select(entry => entry.Result["summary"]?.GetValue<string>()).OfType<string>().ToList();
        var content = "The language model is unavailable, so this is a degraded answer."
            + (known.Count > 0 ? " What the tools found: " + string.Join(" ", known) : " Please try again shortly.");
        try
        {
            await StreamAnswerAsync(run, events, profile, started, content, toolResults, degraded: true);
            return RunStatus.Completed;
        }
        catch (Exception) when (run.Cancellation.IsCancellationRequested)
        {
            await TryEndWithErrorAsync(events, RunFailure.Cancelled);
            return RunStatus.Cancelled;
        }
    }

    private async Task StreamAnswerAsync(
        Run run,
        RunEventWriter events,
        SubAgentProfile profile,
        long started,
        string content,
        List<(string Tool, JsonObject Result)> toolResults,
        bool degraded)
    {
        var cancellation = run.Cancellation;
        var chunks = ResponseChunker.Split(content, streaming.Value.ChunkSize);
        for (var index = 0; index < chunks.Count; index++)
        {
            if (index > 0 && streaming.Value.ChunkDelay > TimeSpan.Zero)
            {
                await events.AwaitSentAsync(Task.Delay(streaming.Value.ChunkDelay, time, cancellation), cancellation);
            }

            events.PartialResult(chunks[index], index);
        }

        var durationMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        events.AgentCompleted(profile.Name, durationMs);
        var toolsUsed = toolResults.Select(entry => entry.Tool).Distinct(StringComparer.Ordinal);
        await events.FinalReportAsync(content, toolsUsed, degraded, cancellation);
    }

    /// <summary>Ends the stream with an <c>error</c>; a client that has gone away simply misses it.</summary>
    private async Task TryEndWithErrorAsync(RunEventWriter events, RunFailure failure)
    {
        try
        {
            await events.ErrorAsync(failure.Code, failure.Message, failure.Retryable, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogDebug("The client left before the run's error event: {Reason}", e.GetType().Name);
        }
    }
}
