using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>The envelope and the field names of every message type, and what malformed frames get.</summary>
public sealed class MessageFormatValidation : Scenario
{
    public MessageFormatValidation()
        : base(ScenarioNames.MessageFormatValidation, "the envelope and field names of every message type")
    {
        BindCases(
            Case("envelope-on-every-frame", EnvelopeOnEveryFrame, CaseNeeds.ModelRuns),
            Case("snake-case-everywhere", SnakeCaseEverywhere, CaseNeeds.ModelRuns),
            Case("content-not-text", ContentNotText, CaseNeeds.ModelRuns),
            Case("message-ack-fields", MessageAckFields, CaseNeeds.ModelRuns),
            Case("relayed-events-keep-fields", RelayedEventsKeepFields, CaseNeeds.ModelRuns),
            Case("thread-messages-fields", ThreadMessagesFields, CaseNeeds.ModelRuns),
            Case("malformed-json-invalid-message", (ctx, ct) => Invalid(ctx, "{not json", ct)),
            Case("unknown-type-invalid-message", (ctx, ct) => Invalid(ctx, """{"type":"teleport","payload":{}}""", ct)),
            Case("missing-field-invalid-message", MissingFieldInvalidMessage),
            Case("error-fields", ErrorFields),
            Case("ping-pong", (ctx, ct) => PingPong(ctx, ct)),
            Case("oversized-frame-1009", OversizedFrame1009));
    }

    private static async Task<(UserSession Session, List<Envelope> Frames)> ConversationAsync(ProbeContext ctx, CancellationToken ct)
    {
        var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var frames = new List<Envelope> { session.Connected };
        session.Connection.Send("thread_create", new { title = "formats" }, Chat.NewId());
        var created = await session.Connection.WaitForAsync("thread_created", ct);
        frames.Add(created);
        var thread = created.Payload.Text("thread_id")!;
        frames.AddRange((await Chat.SendAsync(session.Connection, thread, "look up the latency of the login service", ct)).Frames);
        session.Connection.Send("thread_list", new { }, Chat.NewId());
        frames.Add(await session.Connection.WaitForAsync("thread_list", ct));
        session.Connection.Send("thread_history", new { thread_id = thread }, Chat.NewId());
        frames.Add(await session.Connection.WaitForAsync("thread_history", ct));
        return (session, frames);
    }

    private static async Task EnvelopeOnEveryFrame(ProbeContext ctx, CancellationToken ct)
    {
        var (session, frames) = await ConversationAsync(ctx, ct);
        await using var _ = session;
        foreach (var frame in frames)
        {
            var root = ProbeJson.Parse(frame.Raw);
            Expect.That(frame.Type.Length > 0, "a type", frame.Raw);
            Expect.That(
                root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object,
                $"an object payload on {frame.Type}",
                frame.Raw);
            Expect.That(frame.Seq is > 0, $"a positive seq on {frame.Type}", frame.Raw);
            RunStreams.ExpectRfc3339Utc(frame.Ts, $"{frame.Type}.ts");
            var extra = root.EnumerateObject().Select(p => p.Name).Except(["type", "payload", "id", "seq", "ts"]).ToList();
            Expect.That(extra.Count == 0, $"only envelope fields on {frame.Type}", string.Join(", ", extra));
        }
    }

    private static async Task SnakeCaseEverywhere(ProbeContext ctx, CancellationToken ct)
    {
        var (session, frames) = await ConversationAsync(ctx, ct);
        await using var _ = session;
        var wrong = frames.SelectMany(f => Chat.NonSnakeCaseNames(f.Payload).Select(n => $"{f.Type}.{n}")).Distinct().ToList();
        Expect.That(wrong.Count == 0, "snake_case field names", string.Join(", ", wrong));
    }

    private static async Task ContentNotText(ProbeContext ctx, CancellationToken ct)
    {
        var (session, frames) = await ConversationAsync(ctx, ct);
        await using var _ = session;
        var withText = frames.Where(f => HasField(f.Payload, "text")).Select(f => f.Type).ToList();
        Expect.That(withText.Count == 0, "no `text` field", string.Join(", ", withText));
        foreach (var type in new[] { "partial_result", "final_report" })
        {
            var frame = frames.First(f => f.Type == type);
            Expect.That(frame.Payload.Text("content") is { Length: > 0 }, $"{type}.content", frame.Raw);
        }

        var history = frames.Last(f => f.Type == "thread_history").Payload.GetProperty("messages");
        Expect.That(
            history.EnumerateArray().All(m => m.Text("content") is not null),
            "content on every history message",
            history.GetRawText());
    }

    private static bool HasField(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name == name || HasField(p.Value, name)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => HasField(e, name)),
        _ => false,
    };

    private static async Task MessageAckFields(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "ack", ct);
        var exchange = await Chat.SendAsync(session.Connection, thread, "hello", ct);
        var ack = exchange.Ack.Payload;
        Expect.Equal(exchange.ClientId, ack.Text("id"), "message_ack.id (the client's id)");
        Expect.Equal(thread, ack.Text("thread_id"), "message_ack.thread_id");
        Expect.That(ack.Text("message_id") is { Length: > 0 }, "message_ack.message_id", exchange.Ack.Raw);
    }

    private static async Task RelayedEventsKeepFields(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "relay", ct);
        var events = (await Chat.SendAsync(session.Connection, thread, "look up the latency of the login service", ct)).AgentEvents;
        var required = new Dictionary<string, string[]>
        {
            ["agent_started"] = ["agent_name", "run_id", "thread_id", "timestamp"],
            ["agent_thinking"] = ["thought", "run_id", "thread_id", "timestamp"],
            ["tool_executing"] = ["tool_name", "arguments", "run_id", "thread_id", "timestamp"],
            ["partial_result"] = ["content", "chunk_index", "run_id", "thread_id", "timestamp"],
            ["agent_completed"] = ["agent_name", "duration_ms", "run_id", "thread_id", "timestamp"],
            ["final_report"] = ["content", "tools_used", "degraded", "run_id", "thread_id", "timestamp"],
        };
        foreach (var (type, fields) in required)
        {
            var frame = events.FirstOrDefault(e => e.Type == type);
            Expect.That(frame is not null, $"a relayed {type}", string.Join(", ", events.Select(e => e.Type)));
            var missing = fields.Where(f => !frame!.Payload.Has(f)).ToList();
            Expect.That(missing.Count == 0, $"{type} with {string.Join(", ", fields)}", $"missing {string.Join(", ", missing)}");
        }
    }

    private static async Task ThreadMessagesFields(ProbeContext ctx, CancellationToken ct)
    {
        var (session, frames) = await ConversationAsync(ctx, ct);
        await using var _ = session;
        var created = frames.First(f => f.Type == "thread_created").Payload;
        Expect.That(created.Has("thread_id") && created.Has("title"), "thread_created {thread_id, title}", created.GetRawText());
        var list = frames.First(f => f.Type == "thread_list").Payload;
        Expect.That(
            list.TryGetProperty("threads", out var threads) && threads.ValueKind == JsonValueKind.Array,
            "thread_list {threads: [...]}",
            list.GetRawText());
        var history = frames.First(f => f.Type == "thread_history").Payload;
        Expect.That(
            history.Has("thread_id") && history.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array,
            "thread_history {thread_id, messages: [...]}",
            history.GetRawText());
        var message = history.GetProperty("messages")[0];
        Expect.That(
            message.Has("message_id") && message.Has("content") && message.Has("role"),
            "history messages with message_id, role and content",
            message.GetRawText());
    }

    private static async Task Invalid(ProbeContext ctx, string raw, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var reply = await Chat.SendRawAsync(session.Connection, raw, ct);
        Expect.Equal("error", reply.Type, "the reply to a malformed frame");
        Expect.Equal("invalid_message", reply.Payload.Text("code"), "error.code");
        await Chat.ExpectOpenAsync(session.Connection, ct);
    }

    private static async Task MissingFieldInvalidMessage(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "missing", ct);
        var error = await Chat.ExpectErrorAsync(session.Connection, "user_message", new { content = "no thread named" }, ct);
        Expect.Equal("invalid_message", error.Payload.Text("code"), "error.code");
        var history = await Chat.HistoryAsync(session.Connection, thread, ct);
        Expect.Equal(0, history.GetProperty("messages").GetArrayLength(), "messages stored by the invalid frame");
        await Chat.ExpectOpenAsync(session.Connection, ct);
    }

    private static async Task ErrorFields(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var error = await Chat.ExpectErrorAsync(session.Connection, "thread_switch", new { thread_id = Guid.NewGuid().ToString() }, ct);
        Expect.That(error.Payload.Text("code") is { Length: > 0 }, "error.code", error.Raw);
        Expect.That(error.Payload.Text("message") is { Length: > 0 }, "error.message", error.Raw);
        Expect.That(
            error.Payload.TryGetProperty("retryable", out var retryable)
                && retryable.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "a boolean error.retryable",
            error.Raw);
    }

    private static async Task PingPong(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var id = Chat.NewId();
        session.Connection.Send("ping", new { }, id);
        var pong = await session.Connection.WaitForAsync("pong", ct);
        Expect.Equal(id, pong.Id, "pong's id (the ping's)");
    }

    private static async Task OversizedFrame1009(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        session.Connection.Send("ping", new { padding = new string('x', 2 * 1024 * 1024) });
        Expect.Equal(1009, await session.Connection.WaitClosedAsync(ct), "the close code for an oversized frame");
    }
}
