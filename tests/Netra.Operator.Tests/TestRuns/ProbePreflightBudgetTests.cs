using Netra.Operator.Core.TestRuns.Manifests;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>A probe's preflight waits at most half of its Job's time, and never longer than the probes' own minute.</summary>
public sealed class ProbePreflightBudgetTests
{
    [Theory]
    [InlineData(20, 10)]
    [InlineData(90, 45)]
    [InlineData(600, 60)]
    [InlineData(1, 1)]
    public void The_budget_is_half_the_deadline_at_most_a_minute(long deadlineSeconds, int budgetSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(budgetSeconds), ProbeJobManifest.PreflightBudget(deadlineSeconds));
}
