using System.Text.Json;
using System.Text.RegularExpressions;
using Netra.Probes.Clients;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>Conversations over the backend's WebSocket that several scenarios share.</summary>
public static partial class Chat
{
    public static bool EndsRun(Envelope frame) => frame.Type is "final_report" or "error";

    public static async Task<string> CreateThreadAsync(BackendConnection connection, string title, CancellationToken ct)
    {
        connection.Send("thread_create", new { title }, id: NewId());
        var created = await connection.WaitForAsync("thread_created", ct);
        return Expect.NotNull(created.Payload.Text("thread_id"), "thread_created.thread_id");
    }

    /// <summary>Sends a message and reads through its run: the ack, then every frame up to final_report or error.</summary>
    public static async Task<Exchange> SendAsync(BackendConnection connection, string threadId, string content, CancellationToken ct)
    {
        var id = NewId();
        connection.Send("user_message", new { thread_id = threadId, content }, id);
        var frames = await connection.ReadUntilAsync(EndsRun, ct);
        var ack = frames.FirstOrDefault(f => f.Type == "message_ack");
        Expect.That(ack is not null, "a message_ack before the run's events", string.Join(", ", frames.Select(f => f.Type)));
        return new Exchange(id, ack!, frames);
    }

    public sealed record Exchange(string ClientId, Envelope Ack, IReadOnlyList<Envelope> Frames)
    {
        public IReadOnlyList<Envelope> AgentEvents => [.. Frames.Where(f => f.Type != "message_ack")];

        public Envelope Last => Frames[^1];

        public string? RunId => Ack.Payload.Text("run_id") ?? AgentEvents.Select(e => e.Payload.Text("run_id"))
            .FirstOrDefault(r => r is not null);
    }

    public static async Task<JsonElement> HistoryAsync(
        BackendConnection connection,
        string threadId,
        CancellationToken ct,
        long? beforeSeq = null,
        int? limit = null)
    {
        connection.Send("thread_history", new { thread_id = threadId, before_seq = beforeSeq, limit }, id: NewId());
        return (await connection.WaitForAsync("thread_history", ct)).Payload;
    }

    /// <summary>Sends a frame and returns the first <c>error</c> frame that answers it, or fails on any other reply.</summary>
    public static async Task<Envelope> ExpectErrorAsync(BackendConnection connection, string type, object payload, CancellationToken ct)
    {
        connection.Send(type, payload, id: NewId());
        var reply = await connection.ReceiveAsync(ct);
        Expect.Equal("error", reply.Type, $"the reply to {type}");
        return reply;
    }

    /// <summary>
    /// Sends a frame that cannot carry an id (it is not JSON, or not a known type) and returns the reply; a
    /// <c>rate_limited</c> reply is waited out and the frame sent again, as a polite client does.
    /// </summary>
    public static async Task<Envelope> SendRawAsync(BackendConnection connection, string raw, CancellationToken ct)
    {
        while (true)
        {
            connection.SendRaw(raw);
            var reply = await connection.ReceiveAsync(ct);
            if (reply.Type != "rate_limited")
            {
                return reply;
            }

            var wait = reply.Payload.TryGetProperty("retry_after_ms", out var after) && after.TryGetInt64(out var ms) ? ms : 1000;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait, 1, 10_000)), ct);
        }
    }

    /// <summary>The connection still answers: a ping gets its pong.</summary>
    public static async Task ExpectOpenAsync(BackendConnection connection, CancellationToken ct)
    {
        connection.Send("ping", new { }, id: NewId());
        await connection.WaitForAsync("pong", ct);
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Property names of a JSON value, recursively, that are not snake_case.</summary>
    public static IEnumerable<string> NonSnakeCaseNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            (SnakeCase().IsMatch(p.Name) ? [] : new[] { p.Name })
                .Concat(p.Name == "arguments" || p.Name == "result" ? [] : NonSnakeCaseNames(p.Value))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(NonSnakeCaseNames),
        _ => [],
    };

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
