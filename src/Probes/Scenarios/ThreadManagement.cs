using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>Threads: create, list, switch, history with paging, and each user's threads kept apart.</summary>
public sealed class ThreadManagement : Scenario
{
    public ThreadManagement()
        : base(ScenarioNames.ThreadManagement, "create, switch, history, isolation")
    {
        BindCases(
            Case("create", Create),
            Case("list-contains-created", ListContainsCreated),
            Case("switch", Switch),
            Case("switch-unknown", SwitchUnknown),
            Case("history-holds-exchange", HistoryHoldsExchange, CaseNeeds.ModelRuns),
            Case("history-pages", HistoryPages, CaseNeeds.ModelRuns),
            Case("history-empty-for-new-thread", HistoryEmptyForNewThread),
            Case("message-to-unknown-thread", MessageToUnknownThread),
            Case("list-excludes-other-users", ListExcludesOtherUsers),
            Case("other-users-history-refused", OtherUsersHistoryRefused),
            Case("thread-survives-reconnect", ThreadSurvivesReconnect, CaseNeeds.ModelRuns));
    }

    private static IEnumerable<string?> ThreadIds(JsonElement listPayload) =>
        listPayload.GetProperty("threads").EnumerateArray().Select(t => t.Text("thread_id"));

    private static async Task<JsonElement> ListAsync(BackendConnection connection, CancellationToken ct)
    {
        connection.Send("thread_list", new { }, Chat.NewId());
        return (await connection.WaitForAsync("thread_list", ct)).Payload;
    }

    private static async Task Create(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        session.Connection.Send("thread_create", new { title = "Quarterly review" }, Chat.NewId());
        var created = await session.Connection.WaitForAsync("thread_created", ct);
        Expect.That(created.Payload.Text("thread_id") is { Length: > 0 }, "thread_created.thread_id", created.Raw);
        Expect.Equal("Quarterly review", created.Payload.Text("title"), "thread_created.title");
    }

    private static async Task ListContainsCreated(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var one = await Chat.CreateThreadAsync(session.Connection, "one", ct);
        var two = await Chat.CreateThreadAsync(session.Connection, "two", ct);
        var ids = ThreadIds(await ListAsync(session.Connection, ct)).ToList();
        Expect.That(ids.Contains(one) && ids.Contains(two), "both new threads in thread_list", string.Join(", ", ids));
    }

    private static async Task Switch(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "switch", ct);
        session.Connection.Send("thread_switch", new { thread_id = thread }, Chat.NewId());
        var switched = await session.Connection.WaitForAsync("thread_switched", ct);
        Expect.Equal(thread, switched.Payload.Text("thread_id"), "thread_switched.thread_id");
    }

    private static async Task SwitchUnknown(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var error = await Chat.ExpectErrorAsync(session.Connection, "thread_switch", new { thread_id = Guid.NewGuid().ToString() }, ct);
        Expect.Equal("thread_not_found", error.Payload.Text("code"), "error.code");
    }

    private static async Task HistoryHoldsExchange(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "history", ct);
        var exchange = await Chat.SendAsync(session.Connection, thread, "what is the status of the orders service?", ct);
        var report = exchange.Last.Payload.Text("content");
        var messages = (await Chat.HistoryAsync(session.Connection, thread, ct)).GetProperty("messages").EnumerateArray().ToList();
        Expect.Equal(2, messages.Count, "messages in the history");
        Expect.Equal("what is the status of the orders service?", messages[0].Text("content"), "the first message's content");
        Expect.Equal(report, messages[1].Text("content"), "the second message's content (the final report)");
        Expect.That(
            messages[0].Text("role") != messages[1].Text("role"),
            "different roles for the user's message and the report",
            $"{messages[0].Text("role")}, {messages[1].Text("role")}");
    }

    private static async Task HistoryPages(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "paging", ct);
        await Chat.SendAsync(session.Connection, thread, "first", ct);
        await Chat.SendAsync(session.Connection, thread, "second", ct);

        var seen = new List<string?>();
        long? before = null;
        for (var page = 0; page < 10; page++)
        {
            var history = await Chat.HistoryAsync(session.Connection, thread, ct, before, limit: 1);
            var messages = history.GetProperty("messages").EnumerateArray().ToList();
            Expect.That(messages.Count <= 1, "at most `limit` messages per page", history.GetRawText());
            seen.AddRange(messages.Select(m => m.Text("message_id")));
            if (!history.TryGetProperty("has_more", out var more) || !more.GetBoolean())
            {
                break;
            }

            before = history.GetProperty("next_before_seq").GetInt64();
        }

        Expect.Equal(4, seen.Distinct().Count(), "distinct messages over all pages (two messages, two reports)");
    }

    private static async Task HistoryEmptyForNewThread(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var thread = await Chat.CreateThreadAsync(session.Connection, "empty", ct);
        var history = await Chat.HistoryAsync(session.Connection, thread, ct);
        Expect.Equal(0, history.GetProperty("messages").GetArrayLength(), "messages in a new thread");
    }

    private static async Task MessageToUnknownThread(ProbeContext ctx, CancellationToken ct)
    {
        await using var session = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var unknown = Guid.NewGuid().ToString();
        var error = await Chat.ExpectErrorAsync(session.Connection, "user_message", new { thread_id = unknown, content = "hello?" }, ct);
        Expect.Equal("thread_not_found", error.Payload.Text("code"), "error.code");
        Expect.That(!ThreadIds(await ListAsync(session.Connection, ct)).Contains(unknown), "no thread created by the message", unknown);
    }

    private static async Task ListExcludesOtherUsers(ProbeContext ctx, CancellationToken ct)
    {
        await using var alice = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var aliceThread = await Chat.CreateThreadAsync(alice.Connection, "alice only", ct);
        await using var bob = await ctx.ConnectAsync(ctx.Credentials.OtherUser, ct);
        Expect.That(
            !ThreadIds(await ListAsync(bob.Connection, ct)).Contains(aliceThread),
            "alice's thread absent from bob's list",
            aliceThread);
    }

    private static async Task OtherUsersHistoryRefused(ProbeContext ctx, CancellationToken ct)
    {
        await using var alice = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        var aliceThread = await Chat.CreateThreadAsync(alice.Connection, "alice only", ct);
        await using var bob = await ctx.ConnectAsync(ctx.Credentials.OtherUser, ct);
        var error = await Chat.ExpectErrorAsync(bob.Connection, "thread_history", new { thread_id = aliceThread }, ct);
        Expect.Equal("thread_not_found", error.Payload.Text("code"), "error.code");
    }

    private static async Task ThreadSurvivesReconnect(ProbeContext ctx, CancellationToken ct)
    {
        string thread;
        await using (var first = await ctx.ConnectAsync(ctx.Credentials.User, ct))
        {
            thread = await Chat.CreateThreadAsync(first.Connection, "durable", ct);
            await Chat.SendAsync(first.Connection, thread, "remember this", ct);
        }

        await using var second = await ctx.ConnectAsync(ctx.Credentials.User, ct);
        Expect.That(ThreadIds(await ListAsync(second.Connection, ct)).Contains(thread), "the thread on a new connection", thread);
        var messages = (await Chat.HistoryAsync(second.Connection, thread, ct)).GetProperty("messages");
        Expect.Equal("remember this", messages[0].Text("content"), "the first stored message");
    }
}
