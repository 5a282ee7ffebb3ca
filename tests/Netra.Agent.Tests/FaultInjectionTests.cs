using System.Text;
using Netra.Agent.Tests.Support;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class FaultInjectionTests(AuthServiceFixture auth) : IAsyncLifetime
{
    private AgentUnderTest _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentUnderTest.StartAsync(
        auth,
        "--Agent:FaultInjection:Enabled=true",
        "--Agent:Llm:Timeout=00:00:00.200",
        "--Agent:Retry:MaxRetryAttempts=2",
        "--Agent:Retry:BaseDelay=00:00:00.001",
        "--Agent:Tools:MaxRetryAttempts=1",
        // The breaker has its own tests: here it must stay out of the way.
        "--Agent:CircuitBreaker:MinimumThroughput=1000");

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Theory]
    [InlineData("llm_failure", 1)]
    [InlineData("llm_failure", 2)] // as many failures as retries: the last attempt succeeds
    [InlineData("llm_timeout", 2)]
    [InlineData("tool_failure", 1)] // one tool retry
    [InlineData("resource_exhaustion", 3)] // data_lookup takes 3 steps: plan, lookup_records, answer
    public async Task Faults_within_what_retries_absorb_recover(string kind, int count)
    {
        var events = await _agent.RunAsync(RunBody.Of(agent: "data_lookup", faultKind: kind, faultCount: count));

        Assert.Equal("final_report", events[^1].Type);
        Assert.False(events[^1].Payload.GetProperty("degraded").GetBoolean());
        Assert.Contains(events, e => e.Type == "tool_completed");
        Assert.Equal("completed", await _agent.RunStatusAsync(events[0].Text("run_id")));
    }

    [Theory]
    [InlineData("llm_failure", 3, "llm_error", "agent_thinking")]
    [InlineData("llm_timeout", 3, "llm_timeout", "agent_thinking")]
    [InlineData("tool_failure", 2, "tool_failed", "tool_executing")]
    [InlineData("resource_exhaustion", 0, "resource_exhausted", "agent_thinking")]
    [InlineData("resource_exhaustion", 1, "resource_exhausted", "tool_executing")]
    [InlineData("resource_exhaustion", 2, "resource_exhausted", "tool_completed")]
    public async Task Faults_beyond_what_retries_absorb_fail_the_run_with_an_error_event(string kind, int count, string code, string lastStepBeforeError)
    {
        var events = await _agent.RunAsync(RunBody.Of(agent: "data_lookup", faultKind: kind, faultCount: count));

        var error = events[^1];
        Assert.Equal("error", error.Type);
        Assert.Equal(code, error.Text("code"));
        Assert.False(string.IsNullOrWhiteSpace(error.Text("message")));
        Assert.True(error.Payload.GetProperty("retryable").GetBoolean());
        Assert.Equal(lastStepBeforeError, events[^2].Type);
        Assert.Equal("agent_started", events[0].Type);
        Assert.DoesNotContain(events, e => e.Type is "agent_completed" or "final_report" or "partial_result");
        Assert.Equal("failed", await _agent.RunStatusAsync(events[0].Text("run_id")));
    }

    [Fact]
    public async Task An_injected_fault_stays_within_its_run()
    {
        var failing = _agent.RunAsync(RunBody.Of(userId: "alice", agent: "data_lookup", faultKind: "llm_failure", faultCount: 3));
        var healthy = _agent.RunAsync(RunBody.Of(userId: "bob", agent: "data_lookup"));

        Assert.Equal("error", (await failing)[^1].Type);
        Assert.Equal("final_report", (await healthy)[^1].Type);
    }

    [Theory]
    [InlineData("""{"kind":"meteor_strike","count":1}""")]
    [InlineData("""{"count":1}""")]
    [InlineData("""{"kind":"llm_failure","count":-1}""")]
    [InlineData("""{"kind":"llm_failure","count":1001}""")]
    public async Task Malformed_faults_are_400_invalid_fault(string fault)
    {
        var json = $$"""{"user_id":"u","thread_id":"t","input":"hi","fault":{{fault}}}""";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _agent.Http.PostAsync("/v1/runs", content);

        Assert.Equal("invalid_fault", await Problem.CodeOfAsync(response, 400));
    }
}
