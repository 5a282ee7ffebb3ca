using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netra.Agent.Runs;

/// <summary>
/// The run's lifecycle events as server-sent events, one per step, flushed as they happen:
/// <c>id: n</c>, <c>event: type</c>, <c>data: {"type","payload":{...,"run_id","thread_id","timestamp"},"ts"}</c>.
/// </summary>
public sealed class RunEventWriter(HttpResponse response, Run run, TimeProvider time)
{
    private int _sequence;

    public Task AgentStartedAsync(string agentName, CancellationToken cancellationToken) =>
        WriteAsync("agent_started", new JsonObject { ["agent_name"] = agentName }, cancellationToken);

    public Task AgentThinkingAsync(string thought, CancellationToken cancellationToken) =>
        WriteAsync("agent_thinking", new JsonObject { ["thought"] = thought }, cancellationToken);

    public Task ToolExecutingAsync(string toolName, JsonObject arguments, CancellationToken cancellationToken) =>
        WriteAsync("tool_executing", new JsonObject { ["tool_name"] = toolName, ["arguments"] = arguments.DeepClone() }, cancellationToken);

    /// <summary>The outcome of the <c>tool_executing</c> before it (a tool that fails ends the run with <c>error</c> instead).</summary>
    public Task ToolCompletedAsync(string toolName, JsonObject result, CancellationToken cancellationToken) =>
        WriteAsync("tool_completed", new JsonObject { ["tool_name"] = toolName, ["result"] = result.DeepClone() }, cancellationToken);

    public Task PartialResultAsync(string content, int chunkIndex, CancellationToken cancellationToken) =>
        WriteAsync("partial_result", new JsonObject { ["content"] = content, ["chunk_index"] = chunkIndex }, cancellationToken);

    public Task AgentCompletedAsync(string agentName, long durationMs, CancellationToken cancellationToken) =>
        WriteAsync("agent_completed", new JsonObject { ["agent_name"] = agentName, ["duration_ms"] = durationMs }, cancellationToken);

    public Task FinalReportAsync(string content, IEnumerable<string> toolsUsed, bool degraded, CancellationToken cancellationToken) =>
        WriteAsync(
            "final_report",
            new JsonObject
            {
                ["content"] = content,
                ["tools_used"] = new JsonArray(toolsUsed.Select(tool => (JsonNode)tool).ToArray()),
                ["degraded"] = degraded,
            },
            cancellationToken);

    public Task ErrorAsync(string code, string message, bool retryable, CancellationToken cancellationToken) =>
        WriteAsync("error", new JsonObject { ["code"] = code, ["message"] = message, ["retryable"] = retryable }, cancellationToken);

    private async Task WriteAsync(string type, JsonObject payload, CancellationToken cancellationToken)
    {
        var now = Rfc3339.Format(time.GetUtcNow());
        payload["run_id"] = run.RunId;
        payload["thread_id"] = run.ThreadId;
        payload["timestamp"] = now;
        var envelope = new JsonObject { ["type"] = type, ["payload"] = payload, ["ts"] = now };
        var frame = $"id: {++_sequence}\nevent: {type}\ndata: {envelope.ToJsonString(JsonOptions)}\n\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
