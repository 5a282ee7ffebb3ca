using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Netra.Agent.Tests.Support;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class LifecycleEventsTests(AuthServiceFixture auth) : IAsyncLifetime
{
    private static readonly string[] Stages = ["agent_started", "agent_thinking", "tool", "partial_result", "agent_completed", "final_report"];
    private AgentUnderTest _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentUnderTest.StartAsync(auth);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Theory]
    [InlineData("triage", new[] { "classify_request" })]
    [InlineData("data_lookup", new[] { "lookup_records" })]
    [InlineData("reporting", new[] { "lookup_records", "format_report" })]
    public async Task A_run_emits_the_six_lifecycle_events_in_order_with_their_fields(string agent, string[] tools)
    {
        var events = await _agent.RunAsync(RunBody.Of("Why is my login failing?", agent: agent, threadId: "thread-42"));

        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(e.Name, e.Type));
        var stages = events.Select(e => Array.IndexOf(Stages, e.Type.StartsWith("tool_", StringComparison.Ordinal) ? "tool" : e.Type)).ToList();
        Assert.DoesNotContain(-1, stages);
        Assert.Equal(stages.Order(), stages);
        Assert.Equal(Enumerable.Range(0, Stages.Length), stages.Distinct());

        var runId = events[0].Text("run_id");
        foreach (var e in events)
        {
            Assert.Equal(runId, e.Text("run_id"));
            Assert.Equal("thread-42", e.Text("thread_id"));
            AssertRfc3339Utc(e.Text("timestamp"));
            AssertRfc3339Utc(e.Data.GetProperty("ts").GetString()!);
        }

        Assert.Equal(agent, events[0].Text("agent_name"));
        Assert.Single(events, e => e.Type == "agent_started");
        Assert.All(events.Where(e => e.Type == "agent_thinking"), e => Assert.False(string.IsNullOrWhiteSpace(e.Text("thought"))));

        var toolEvents = events.Where(e => e.Type.StartsWith("tool_", StringComparison.Ordinal)).ToList();
        Assert.Equal(tools.SelectMany(tool => new[] { ("tool_executing", tool), ("tool_completed", tool) }), toolEvents.Select(e => (e.Type, e.Text("tool_name"))));
        Assert.All(toolEvents.Where(e => e.Type == "tool_executing"), e => Assert.Equal(JsonValueKind.Object, e.Payload.GetProperty("arguments").ValueKind));
        Assert.All(toolEvents.Where(e => e.Type == "tool_completed"), e => Assert.Equal(JsonValueKind.Object, e.Payload.GetProperty("result").ValueKind));

        var chunks = events.Where(e => e.Type == "partial_result").ToList();
        Assert.True(chunks.Count > 1, "the answer is delivered in several chunks");
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(e => e.Payload.GetProperty("chunk_index").GetInt32()));

        var completed = events[^2];
        Assert.Equal("agent_completed", completed.Type);
        Assert.Equal(agent, completed.Text("agent_name"));
        Assert.True(completed.Payload.GetProperty("duration_ms").GetInt64() >= 0);

        var report = events[^1];
        Assert.Equal("final_report", report.Type);
        Assert.Equal(string.Concat(chunks.Select(e => e.Text("content"))), report.Text("content"));
        Assert.Equal(tools, report.Payload.GetProperty("tools_used").EnumerateArray().Select(t => t.GetString()));
        Assert.False(report.Payload.GetProperty("degraded").GetBoolean());
    }

    [Fact]
    public async Task The_scripted_model_is_deterministic()
    {
        var first = await _agent.RunAsync(RunBody.Of("Summarize the latency of backend"));
        var second = await _agent.RunAsync(RunBody.Of("Summarize the latency of backend"));

        Assert.Equal(Comparable(first), Comparable(second));
        Assert.NotEqual(first[0].Text("run_id"), second[0].Text("run_id"));
        Assert.Contains("backend availability 99.9%", first[^1].Text("content"), StringComparison.Ordinal);

        static IEnumerable<string> Comparable(List<AgentEvent> events) => events
            .Where(e => e.Type != "agent_completed")
            .Select(e => e.Type + ":" + string.Join("|", e.Payload.EnumerateObject()
                .Where(p => p.Name is not ("run_id" or "timestamp"))
                .Select(p => p.Name + "=" + p.Value.GetRawText())));
    }

    [Theory]
    [InlineData("Please write a report on auth", "reporting")]
    [InlineData("Show the latency of the agent", "data_lookup")]
    [InlineData("My invoice is wrong", "triage")]
    public async Task The_supervisor_routes_by_input_when_no_agent_is_named(string input, string expectedAgent)
    {
        var events = await _agent.RunAsync(RunBody.Of(input));

        Assert.Equal(expectedAgent, events[0].Text("agent_name"));
        Assert.Contains(expectedAgent, events[1].Text("thought"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_run_id_is_used_and_the_finished_run_can_be_read()
    {
        var events = await _agent.RunAsync(RunBody.Of(runId: "run-given-1", userId: "bob", threadId: "t-9"));
        Assert.All(events, e => Assert.Equal("run-given-1", e.Text("run_id")));

        using var response = await _agent.GetRunAsync("run-given-1");
        response.EnsureSuccessStatusCode();
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("run-given-1", run.GetProperty("run_id").GetString());
        Assert.Equal("bob", run.GetProperty("user_id").GetString());
        Assert.Equal("t-9", run.GetProperty("thread_id").GetString());
        Assert.Equal("completed", run.GetProperty("status").GetString());
        var started = AssertRfc3339Utc(run.GetProperty("started_at").GetString()!);
        var completed = AssertRfc3339Utc(run.GetProperty("completed_at").GetString()!);
        Assert.True(completed >= started);
    }

    [Fact]
    public async Task Unknown_runs_are_404_problems()
    {
        using var get = await _agent.GetRunAsync("no-such-run");
        Assert.Equal("run_not_found", await Problem.CodeOfAsync(get, 404));
        using var cancel = await _agent.CancelAsync("no-such-run");
        Assert.Equal("run_not_found", await Problem.CodeOfAsync(cancel, 404));
    }

    [Theory]
    [InlineData("""{"thread_id":"t","input":"hi"}""", "invalid_request")]
    [InlineData("""{"user_id":"u","input":"hi"}""", "invalid_request")]
    [InlineData("""{"user_id":"u","thread_id":"t","input":"  "}""", "invalid_request")]
    [InlineData("""{"user_id":"u","thread_id":"t","input":"hi","run_id":"has space"}""", "invalid_request")]
    [InlineData("""{"user_id":"u","thread_id":"t","input":"hi","agent":"astrologer"}""", "unknown_agent")]
    [InlineData("""{"user_id":"u","thread_id":"t","input":"hi","fault":{"kind":"llm_failure","count":1}}""", "fault_injection_disabled")]
    [InlineData("""{"user_id":"u","thread_id":"t","input":""" + "\"unterminated", "invalid_request")]
    public async Task Invalid_requests_are_400_problems_with_a_stable_code(string json, string expectedCode)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _agent.Http.PostAsync("/v1/runs", content);

        Assert.Equal(expectedCode, await Problem.CodeOfAsync(response, 400));
    }

    [Fact]
    public async Task Readiness_health_and_metrics_answer()
    {
        using var ready = await _agent.Http.GetAsync("/readyz");
        using var healthy = await _agent.Http.GetAsync("/healthz");
        Assert.True(ready.IsSuccessStatusCode);
        Assert.True(healthy.IsSuccessStatusCode);

        await _agent.RunAsync(RunBody.Of());
        Assert.Equal(0, await _agent.MetricAsync("netra_agent_llm_circuit_state"));
        Assert.Equal(1, await _agent.MetricAsync("netra_agent_runs_total{status=\"completed\"}"));
        Assert.Equal(0, await _agent.MetricAsync("netra_agent_runs_active"));
    }

    private static DateTimeOffset AssertRfc3339Utc(string value)
    {
        Assert.EndsWith("Z", value, StringComparison.Ordinal);
        return DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
