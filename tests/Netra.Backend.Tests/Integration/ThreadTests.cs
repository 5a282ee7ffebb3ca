using System.Text.Json;
using Netra.Backend.Tests.Support;

namespace Netra.Backend.Tests.Integration;

public sealed class ThreadTests
{
    [Fact]
    public async Task Threads_are_created_listed_and_switched()
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await stack.ConnectAsAsync("alice");

        await socket.SendAsync("thread_create", new { title = "First" });
        var first = TestSocket.Payload(await socket.ExpectAsync("thread_created"));
        await socket.SendAsync("thread_create", new { title = "Second" });
        var second = TestSocket.Payload(await socket.ExpectAsync("thread_created"));
        await socket.SendAsync("thread_switch", new { thread_id = first.GetProperty("thread_id").GetString() });
        var switched = TestSocket.Payload(await socket.ExpectAsync("thread_switched"));
        await socket.SendAsync("thread_list");
        var list = TestSocket.Payload(await socket.ExpectAsync("thread_list"));

        Assert.Equal("First", first.GetProperty("title").GetString());
        Assert.Equal(first.GetProperty("thread_id").GetString(), switched.GetProperty("thread_id").GetString());
        var titles = list.GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToList();
        Assert.Equal(2, titles.Count);
        Assert.Contains("First", titles);
        Assert.Contains("Second", titles);
        Assert.NotEqual(first.GetProperty("thread_id").GetString(), second.GetProperty("thread_id").GetString());
    }

    [Fact]
    public async Task Another_users_thread_answers_exactly_like_a_missing_one()
    {
        await using var stack = await LiveServices.StartAsync();
        using var alice = await stack.ConnectAsAsync("alice");
        using var bob = await stack.ConnectAsAsync("bob");
        await alice.SendAsync("thread_create", new { title = "Private" });
        var threadId = TestSocket.Payload(await alice.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;

        var answers = new List<string>();
        foreach (var id in new[] { threadId, "thr_does_not_exist" })
        {
            await bob.SendAsync("thread_switch", new { thread_id = id });
            answers.Add(Describe(await bob.ExpectAsync("error")));
            await bob.SendAsync("thread_history", new { thread_id = id });
            answers.Add(Describe(await bob.ExpectAsync("error")));
            await bob.SendAsync("user_message", new { thread_id = id, content = "let me in" });
            answers.Add(Describe(await bob.ExpectAsync("error")));
        }

        Assert.All(answers, answer => Assert.StartsWith("thread_not_found|", answer, StringComparison.Ordinal));
        Assert.Equal(answers[..3], answers[3..]);
        await bob.SendAsync("thread_list");
        Assert.Equal(0, TestSocket.Payload(await bob.ExpectAsync("thread_list")).GetProperty("threads").GetArrayLength());
        await alice.SendAsync("thread_history", new { thread_id = threadId });
        Assert.Equal(0, TestSocket.Payload(await alice.ExpectAsync("thread_history")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task History_pages_backwards_with_before_seq_and_limit()
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await stack.ConnectAsAsync("alice");
        await socket.SendAsync("thread_create", new { title = "Paged" });
        var threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;
        for (var i = 1; i <= 3; i++)
        {
            await socket.SendAsync("user_message", new { thread_id = threadId, content = $"question {i}" });
            await socket.ExpectAsync("final_report");
        }

        await socket.SendAsync("thread_history", new { thread_id = threadId, limit = 4 });
        var newest = TestSocket.Payload(await socket.ExpectAsync("thread_history"));
        var nextBefore = newest.GetProperty("next_before_seq").GetInt64();
        await socket.SendAsync("thread_history", new { thread_id = threadId, before_seq = nextBefore, limit = 4 });
        var older = TestSocket.Payload(await socket.ExpectAsync("thread_history"));

        Assert.Equal([3L, 4, 5, 6], Seqs(newest));
        Assert.True(newest.GetProperty("has_more").GetBoolean());
        Assert.Equal([1L, 2], Seqs(older));
        Assert.False(older.GetProperty("has_more").GetBoolean());
        var roles = older.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Equal(["user", "assistant"], roles);
        Assert.Equal("question 1", older.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_backend_restart_loses_no_thread_or_message()
    {
        await using var stack = await LiveServices.StartAsync();
        string threadId;
        string report;
        using (var socket = await stack.ConnectAsAsync("alice"))
        {
            await socket.SendAsync("thread_create", new { title = "Durable" });
            threadId = TestSocket.Payload(await socket.ExpectAsync("thread_created")).GetProperty("thread_id").GetString()!;
            await socket.SendAsync("user_message", new { thread_id = threadId, content = "remember this" });
            report = TestSocket.Payload(await socket.ExpectAsync("final_report")).GetProperty("content").GetString()!;
        }

        await stack.RestartBackendAsync();
        using var after = await stack.ConnectAsAsync("alice");
        await after.SendAsync("thread_list");
        var threads = TestSocket.Payload(await after.ExpectAsync("thread_list")).GetProperty("threads");
        await after.SendAsync("thread_history", new { thread_id = threadId });
        var messages = TestSocket.Payload(await after.ExpectAsync("thread_history")).GetProperty("messages");

        var thread = Assert.Single(threads.EnumerateArray());
        Assert.Equal("Durable", thread.GetProperty("title").GetString());
        Assert.Equal(2, thread.GetProperty("message_count").GetInt64());
        Assert.Equal("remember this", messages[0].GetProperty("content").GetString());
        Assert.Equal(report, messages[1].GetProperty("content").GetString());
    }

    private static string Describe(JsonElement error)
    {
        var payload = TestSocket.Payload(error);
        return $"{payload.GetProperty("code").GetString()}|{payload.GetProperty("message").GetString()}";
    }

    private static long[] Seqs(JsonElement history) =>
        [.. history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64())];
}
