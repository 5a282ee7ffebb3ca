using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netra.Agent.Runs;

/// <summary>
/// The run's lifecycle events as server-sent events, one per step:
/// <c>id: n</c>, <c>event: type</c>, <c>data: {"type","payload":{...,"run_id","thread_id","timestamp"},"ts"}</c>.
/// Each is written straight into the response; what is written goes out before the run waits for anything
/// (<see cref="AwaitSentAsync{T}"/>) and with the stream's last event, so events that follow one another at once share
/// one send, and none waits behind the model, a tool or the stream's pace.
/// </summary>
public sealed class RunEventWriter : IDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions NodeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly PipeWriter _body;
    private readonly Utf8JsonWriter _json;
    private readonly Run _run;
    private readonly TimeProvider _time;
    private int _sequence;

    public RunEventWriter(HttpResponse response, Run run, TimeProvider time)
    {
        _body = response.BodyWriter;
        _json = new Utf8JsonWriter(_body, JsonOptions);
        _run = run;
        _time = time;
    }

    public void Dispose() => _json.Dispose();

    public void AgentStarted(string agentName) => Write("agent_started", json => json.WriteString("agent_name", agentName));

    public void AgentThinking(string thought) => Write("agent_thinking", json => json.WriteString("thought", thought));

    public void ToolExecuting(string toolName, JsonObject arguments) => Write("tool_executing", json =>
    {
        json.WriteString("tool_name", toolName);
        json.WritePropertyName("arguments");
        arguments.WriteTo(json, NodeOptions);
    });

    /// <summary>The outcome of the <c>tool_executing</c> before it (a tool that fails ends the run with <c>error</c> instead).</summary>
    public void ToolCompleted(string toolName, JsonObject result) => Write("tool_completed", json =>
    {
        json.WriteString("tool_name", toolName);
        json.WritePropertyName("result");
        result.WriteTo(json, NodeOptions);
    });

    public void PartialResult(string content, int chunkIndex) => Write("partial_result", json =>
    {
        json.WriteString("content", content);
        json.WriteNumber("chunk_index", chunkIndex);
    });

    public void AgentCompleted(string agentName, long durationMs) => Write("agent_completed", json =>
    {
        json.WriteString("agent_name", agentName);
        json.WriteNumber("duration_ms", durationMs);
    });

    /// <summary>The stream's last event when the run succeeds; sent at once.</summary>
    public Task FinalReportAsync(string content, IEnumerable<string> toolsUsed, bool degraded, CancellationToken cancellationToken)
    {
        Write("final_report", json =>
        {
            json.WriteString("content", content);
            json.WriteStartArray("tools_used");
            foreach (var tool in toolsUsed)
            {
                json.WriteStringValue(tool);
            }

            json.WriteEndArray();
            json.WriteBoolean("degraded", degraded);
        });
        return SendAsync(cancellationToken);
    }

    /// <summary>The stream's last event when the run fails; sent at once.</summary>
    public Task ErrorAsync(string code, string message, bool retryable, CancellationToken cancellationToken)
    {
        Write("error", json =>
        {
            json.WriteString("code", code);
            json.WriteString("message", message);
            json.WriteBoolean("retryable", retryable);
        });
        return SendAsync(cancellationToken);
    }

    /// <summary>Waits for <paramref name="work"/> of the run, sending the events written so far first unless it has already finished.</summary>
    public async Task<T> AwaitSentAsync<T>(Task<T> work, CancellationToken cancellationToken)
    {
        if (!work.IsCompleted)
        {
            await SendAsync(cancellationToken);
        }

        return await work;
    }

    /// <inheritdoc cref="AwaitSentAsync{T}"/>
    public async Task AwaitSentAsync(Task work, CancellationToken cancellationToken)
    {
        if (!work.IsCompleted)
        {
            await SendAsync(cancellationToken);
        }

        await work;
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var flushed = await _body.FlushAsync(cancellationToken);
        if (flushed.IsCanceled)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private void Write(string type, Action<Utf8JsonWriter> payload)
    {
        var now = Rfc3339.Format(_time.GetUtcNow());
        Encoding.UTF8.GetBytes($"id: {++_sequence}\nevent: {type}\ndata: ", _body);
        _json.Reset(_body);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteStartObject("payload");
        payload(_json);
        _json.WriteString("run_id", _run.RunId);
        _json.WriteString("thread_id", _run.ThreadId);
        _json.WriteString("timestamp", now);
        _json.WriteEndObject();
        _json.WriteString("ts", now);
        _json.WriteEndObject();
        _json.Flush();
        Encoding.UTF8.GetBytes("\n\n", _body);
    }
}
