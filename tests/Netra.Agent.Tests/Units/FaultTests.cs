using Netra.Agent.Faults;
using Netra.Agent.Llm;
using Netra.Agent.Supervisor;
using Netra.Agent.Tools;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Netra.Agent.Tests.Units;

public sealed class FaultTests
{
    [Theory]
    [InlineData("llm_failure", null, FaultKind.LlmFailure, 1)]
    [InlineData("llm_timeout", 3, FaultKind.LlmTimeout, 3)]
    [InlineData("tool_failure", 0, FaultKind.ToolFailure, 0)]
    [InlineData("resource_exhaustion", 1000, FaultKind.ResourceExhaustion, 1000)]
    public void Valid_faults_are_parsed(string kind, int? count, FaultKind expectedKind, int expectedFailures)
    {
        var faults = new FaultRequest(kind, count).TryCreate(out var error);

        Assert.Null(error);
        Assert.Equal(expectedKind, faults!.Kind);
        if (expectedKind != FaultKind.ResourceExhaustion)
        {
            Assert.Equal(expectedFailures, Enumerable.Range(0, expectedFailures + 5).Count(_ => faults.TryConsume(expectedKind)));
        }
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("LLM_FAILURE", 1)]
    [InlineData("disk_full", 1)]
    [InlineData("llm_failure", -1)]
    [InlineData("llm_failure", 1001)]
    public void Invalid_faults_are_refused(string? kind, int count)
    {
        Assert.Null(new FaultRequest(kind, count).TryCreate(out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData(FaultKind.LlmFailure, FaultKind.ToolFailure)]
    [InlineData(FaultKind.ToolFailure, FaultKind.LlmTimeout)]
    [InlineData(FaultKind.ResourceExhaustion, FaultKind.ResourceExhaustion)]
    public void A_fault_fails_only_operations_of_its_own_kind(FaultKind injected, FaultKind operation) =>
        Assert.False(new RunFaults(injected, 5).TryConsume(operation));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public void A_resource_budget_allows_count_steps(int count, int allowedSteps)
    {
        var faults = new RunFaults(FaultKind.ResourceExhaustion, count);
        for (var step = 0; step < allowedSteps; step++)
        {
            faults.TakeStep();
        }

        Assert.Throws<ResourceExhaustedException>(faults.TakeStep);
    }

    [Fact]
    public void A_run_without_a_fault_never_fails_a_step() =>
        Assert.All(Enumerable.Range(0, 100), _ => RunFaults.None.TakeStep());

    public static TheoryData<Exception, string, bool, bool> Failures => new()
    {
        { new BrokenCircuitException(), "llm_unavailable", true, true },
        { new IsolatedCircuitException(), "llm_unavailable", true, true },
        { new TimeoutRejectedException(), "llm_timeout", true, true },
        { new LlmProviderException("503", isTransient: true), "llm_error", true, true },
        { new LlmProviderException("401", isTransient: false), "llm_error", false, false },
        { new ToolFailedException("flaky", isTransient: true), "tool_failed", true, false },
        { new ToolFailedException("bad arguments", isTransient: false), "tool_failed", false, false },
        { new ResourceExhaustedException(), "resource_exhausted", true, false },
        { new InvalidOperationException(), "internal_error", true, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_maps_to_a_stable_error_code(Exception exception, string code, bool retryable, bool modelUnavailable)
    {
        var failure = RunFailure.From(exception);

        Assert.Equal((code, retryable, modelUnavailable), (failure.Code, failure.Retryable, failure.ModelUnavailable));
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
    }
}
