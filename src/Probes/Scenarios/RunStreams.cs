using System.Globalization;
using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>Checks on agent event streams that several scenarios share.</summary>
public static class RunStreams
{
    /// <summary>The contract's successful order; <c>tool_completed</c> follows each tool and is not ordered here.</summary>
    public static readonly string[] LifecycleOrder =
        ["agent_started", "agent_thinking", "tool_executing", "partial_result", "agent_completed", "final_report"];

    /// <summary>A run request body; each gets a thread of its own unless told otherwise.</summary>
    public sealed record RunRequest(
        string UserId,
        string ThreadId,
        string Input,
        string? RunId = null,
        string? Agent = null,
        Fault? Fault = null);

    public sealed record Fault(string Kind, int Count);

    public static RunRequest Request(string userId, string input, Fault? fault = null, string? agent = null, string? runId = null) =>
        new(userId, $"probe-thread-{Guid.NewGuid():N}", input, runId, agent, fault);

    public static string Types(IEnumerable<AgentEvent> events) => string.Join(", ", events.Select(e => e.Type));

    /// <summary>The required events appear, and in the contract's order (tools optional, the rest at least once).</summary>
    public static void ExpectLifecycleOrder(IReadOnlyList<string> types)
    {
        var ordered = types.Where(t => LifecycleOrder.Contains(t)).ToList();
        var rank = ordered.Select(t => Array.IndexOf(LifecycleOrder, t)).ToList();
        var inOrder = rank.Zip(rank.Skip(1)).All(pair => pair.First <= pair.Second);
        var missing = LifecycleOrder.Where(t => t != "tool_executing" && !ordered.Contains(t)).ToList();
        Expect.That(
            inOrder && missing.Count == 0 && ordered[^1] == "final_report" && ordered.Count(t => t == "agent_started") == 1,
            $"the lifecycle {string.Join(" → ", LifecycleOrder)} (tools optional), each once where the contract says once",
            string.Join(", ", types));
    }

    /// <summary>As <see cref="ExpectLifecycleOrder(IReadOnlyList{string})"/>; a run that ended with an error shows that error.</summary>
    public static void ExpectLifecycleOrder(IReadOnlyList<Envelope> frames)
    {
        if (frames.Count > 0 && frames[^1].Type == "error")
        {
            ExpectFinalReport(frames[^1], "the end of the run");
        }

        ExpectLifecycleOrder([.. frames.Select(f => f.Type)]);
    }

    public static AgentEvent One(IReadOnlyList<AgentEvent> events, string type)
    {
        var found = events.Where(e => e.Type == type).ToList();
        Expect.That(found.Count == 1, $"exactly one {type} event", $"{found.Count} in: {Types(events)}");
        return found[0];
    }

    public static AgentEvent Last(IReadOnlyList<AgentEvent> events)
    {
        Expect.That(events.Count > 0, "at least one event", "an empty stream");
        return events[^1];
    }

    public static void ExpectRfc3339Utc(string? value, string what)
    {
        var ok = value is not null
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            && parsed.Offset == TimeSpan.Zero
            && (value.EndsWith('Z') || value.EndsWith("+00:00", StringComparison.Ordinal));
        Expect.That(ok, $"{what} as an RFC 3339 UTC time", value ?? "nothing");
    }

    /// <summary>The run ended with its report; when it ended with an error, the failure shows that error's code and message.</summary>
    public static void ExpectFinalReport(string type, JsonElement payload, string what)
    {
        if (type != "final_report")
        {
            throw new ProbeFailedException($"expected {what} to be final_report, got {Describe(type, payload)}");
        }
    }

    public static void ExpectFinalReport(AgentEvent last, string what) => ExpectFinalReport(last.Type, last.Payload, what);

    public static void ExpectFinalReport(Envelope last, string what) => ExpectFinalReport(last.Type, last.Payload, what);

    /// <summary>A frame's type, and for an error its code, message and whether it is retryable.</summary>
    public static string Describe(string type, JsonElement payload) =>
        type == "error"
            ? $"error {payload.Text("code") ?? "(no code)"}: \"{payload.Text("message")}\""
              + (payload.TryGetProperty("retryable", out var retryable) && retryable.ValueKind == JsonValueKind.True
                  ? " (retryable)"
                  : string.Empty)
            : $"\"{type}\"";

    public static void ExpectError(AgentEvent last, string code, bool? retryable = null)
    {
        Expect.Equal("error", last.Type, "the last event");
        Expect.That(last.Payload.Text("code") == code, $"error.code to be \"{code}\"", Describe(last.Type, last.Payload));
        if (retryable is { } expected)
        {
            Expect.That(
                last.Payload.TryGetProperty("retryable", out var flag)
                    && flag.ValueKind == (expected ? JsonValueKind.True : JsonValueKind.False),
                $"error.retryable {expected.ToString().ToLowerInvariant()}",
                last.Raw);
        }
    }
}
