using Netra.Agent.Tests.Support;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class OpenAiProviderTests(AuthServiceFixture auth) : IAsyncLifetime
{
    private FakeOpenAiServer _model = null!;

    public async Task InitializeAsync() => _model = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1/")]
    public async Task A_run_is_driven_by_the_openai_compatible_server(string basePath)
    {
        await using var agent = await StartAgentAsync(new Uri(_model.BaseUrl, basePath));

        var events = await agent.RunAsync(RunBody.Of("How is the agent doing?", agent: "data_lookup"));

        Assert.Equal(FakeOpenAiServer.Thought, events.Where(e => e.Type == "agent_thinking").Last().Text("thought"));
        var executing = Assert.Single(events, e => e.Type == "tool_executing");
        Assert.Equal("lookup_records", executing.Text("tool_name"));
        Assert.Equal("agent", executing.Payload.GetProperty("arguments").GetProperty("query").GetString());
        Assert.Equal(FakeOpenAiServer.Answer, events[^1].Text("content"));
        Assert.Equal(["lookup_records"], events[^1].Payload.GetProperty("tools_used").EnumerateArray().Select(t => t.GetString()));

        var requests = _model.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("Bearer sk-test-key", r.Authorization));
        Assert.All(requests, r => Assert.Equal("test-model", r.Body.GetProperty("model").GetString()));
        var offered = requests[0].Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["lookup_records"], offered);
        var toolResult = requests[1].Body.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Equal("call_abc", toolResult.GetProperty("tool_call_id").GetString());
        Assert.Contains("99.8", toolResult.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        await using var agent = await StartAgentAsync(_model.BaseUrl);
        _model.FailNext(2);

        var events = await agent.RunAsync(RunBody.Of(agent: "data_lookup"));

        Assert.Equal("final_report", events[^1].Type);
        Assert.Equal(4, _model.Requests.Count);
    }

    [Fact]
    public async Task A_refusal_of_the_server_fails_the_run_without_retrying()
    {
        await using var agent = await StartAgentAsync(_model.BaseUrl);
        _model.FailureStatus = 401;
        _model.FailNext(1);

        var events = await agent.RunAsync(RunBody.Of(agent: "data_lookup"));

        var error = events[^1];
        Assert.Equal("llm_error", error.Text("code"));
        Assert.False(error.Payload.GetProperty("retryable").GetBoolean());
        Assert.Single(_model.Requests);
        Assert.DoesNotContain("sk-test-key", error.Data.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_degraded_mode_a_model_that_fails_after_the_tools_yields_a_degraded_report_of_what_they_found()
    {
        await using var agent = await StartAgentAsync(_model.BaseUrl, "--Agent:DegradedMode=true");
        _model.FailAnswers = true;

        var events = await agent.RunAsync(RunBody.Of(agent: "data_lookup"));

        Assert.Equal(["tool_executing", "tool_completed", "partial_result"], events.SkipWhile(e => !e.Type.StartsWith("tool_", StringComparison.Ordinal)).Take(3).Select(e => e.Type));
        var report = events[^1];
        Assert.Equal("final_report", report.Type);
        Assert.True(report.Payload.GetProperty("degraded").GetBoolean());
        Assert.Contains("agent availability 99.8%", report.Text("content"), StringComparison.Ordinal);
        Assert.Equal(["lookup_records"], report.Payload.GetProperty("tools_used").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1 + 3, _model.Requests.Count); // the plan, then the answer with its two retries
    }

    private Task<AgentUnderTest> StartAgentAsync(Uri baseUrl, params string[] more) => AgentUnderTest.StartAsync(
        auth,
        [
            "--Agent:Llm:Provider=openai",
            $"--Agent:Llm:BaseUrl={baseUrl}",
            "--Agent:Llm:Model=test-model",
            "--Agent:Llm:ApiKey=sk-test-key",
            "--Agent:Retry:BaseDelay=00:00:00.001",
            .. more,
        ]);
}
