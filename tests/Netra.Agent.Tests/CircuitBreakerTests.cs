using Netra.Agent.Tests.Support;
using Netra.Testing;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class CircuitBreakerTests(AuthServiceFixture auth)
{
    private const string State = "netra_agent_llm_circuit_state";

    /// <summary>Long enough that no trial call sneaks in while a test looks at the open breaker.</summary>
    private const string LongBreak = "--Agent:CircuitBreaker:BreakDuration=00:00:05";

    private static readonly string[] BreakerArguments =
    [
        "--Agent:FaultInjection:Enabled=true",
        "--Agent:CircuitBreaker:MinimumThroughput=5",
        "--Agent:CircuitBreaker:FailureRatio=0.5",
        "--Agent:CircuitBreaker:SamplingDuration=00:00:30",
        "--Agent:CircuitBreaker:BreakDuration=00:00:00.500",
        "--Agent:Retry:MaxRetryAttempts=2",
        "--Agent:Retry:BaseDelay=00:00:00.001",
    ];

    [Fact]
    public async Task Failing_model_calls_open_the_breaker_and_runs_then_fail_fast_with_llm_unavailable()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth, [.. BreakerArguments, LongBreak]);
        Assert.Equal(0, await agent.MetricAsync(State));

        await OpenBreakerAsync(agent);

        var events = await agent.RunAsync(RunBody.Of(agent: "triage"));
        var error = events[^1];
        Assert.Equal("error", error.Type);
        Assert.Equal("llm_unavailable", error.Text("code"));
        Assert.True(error.Payload.GetProperty("retryable").GetBoolean());
        // Failing fast is llm_unavailable itself: only the open breaker answers it, without calling the model.
        Assert.Equal(1, await agent.MetricAsync("netra_agent_llm_circuit_transitions_total{state=\"open\"}"));

        using var ready = await agent.Http.GetAsync("/readyz");
        Assert.True(ready.IsSuccessStatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_the_break_a_half_open_trial_that_succeeds_closes_the_breaker()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth, BreakerArguments);
        await OpenBreakerAsync(agent);

        await Eventually.WaitUntilAsync(
            async () => (await agent.RunAsync(RunBody.Of(agent: "triage")))[^1].Type == "final_report",
            "a healthy run to succeed once the break is over");

        Assert.Equal(0, await agent.MetricAsync(State));
        Assert.Equal(1, await agent.MetricAsync("netra_agent_llm_circuit_transitions_total{state=\"half_open\"}"));
        Assert.Equal(1, await agent.MetricAsync("netra_agent_llm_circuit_transitions_total{state=\"closed\"}"));
    }

    [Fact]
    public async Task A_half_open_trial_that_fails_opens_the_breaker_again()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth, BreakerArguments);
        await OpenBreakerAsync(agent);

        await Eventually.WaitUntilAsync(
            async () =>
            {
                await agent.RunAsync(RunBody.Of(agent: "triage", faultKind: "llm_failure", faultCount: 100));
                return await agent.MetricAsync("netra_agent_llm_circuit_transitions_total{state=\"half_open\"}") == 1;
            },
            "a failing run to be let through as the half-open trial");

        Assert.Equal(2, await agent.MetricAsync("netra_agent_llm_circuit_transitions_total{state=\"open\"}"));
        Assert.Null(await agent.MetricAsync("netra_agent_llm_circuit_transitions_total{state=\"closed\"}"));
        Assert.Equal(1, await agent.MetricAsync(State));
    }

    [Fact]
    public async Task In_degraded_mode_an_open_breaker_yields_a_degraded_final_report()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth, [.. BreakerArguments, LongBreak, "--Agent:DegradedMode=true"]);
        var failing = await agent.RunAsync(RunBody.Of(agent: "data_lookup", faultKind: "llm_failure", faultCount: 100));
        Assert.True(failing[^1].Payload.GetProperty("degraded").GetBoolean(), "exhausted retries degrade too");
        await OpenBreakerAsync(agent);

        var events = await agent.RunAsync(RunBody.Of(agent: "data_lookup"));

        Assert.Equal(["agent_started", "agent_thinking"], events.Take(2).Select(e => e.Type));
        Assert.Equal(["agent_completed", "final_report"], events.TakeLast(2).Select(e => e.Type));
        Assert.All(events.Skip(2).SkipLast(2), e => Assert.Equal("partial_result", e.Type));
        var report = events[^1];
        Assert.True(report.Payload.GetProperty("degraded").GetBoolean());
        Assert.Contains("degraded", report.Text("content"), StringComparison.Ordinal);
        Assert.Empty(report.Payload.GetProperty("tools_used").EnumerateArray());
        Assert.Equal("completed", await agent.RunStatusAsync(events[0].Text("run_id")));
        Assert.Equal(1, await agent.MetricAsync(State));
    }

    /// <summary>Runs whose model calls all fail until the breaker reports open.</summary>
    private static async Task OpenBreakerAsync(AgentUnderTest agent)
    {
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await agent.RunAsync(RunBody.Of(agent: "triage", faultKind: "llm_failure", faultCount: 100));
                return await agent.MetricAsync(State) == 1;
            },
            "the breaker to open");
    }
}
