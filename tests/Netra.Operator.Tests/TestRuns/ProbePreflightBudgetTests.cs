using Netra.Operator.Core.TestRuns.Manifests;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>A probe's preflight waits at most half of its Job's time, and never longer than the installer's budget.</summary>
public sealed class ProbePreflightBudgetTests
{
    [Theory]
    [InlineData(20, 60, 10)]
    [InlineData(90, 60, 45)]
    [InlineData(600, 60, 60)]
    [InlineData(600, 300, 300)]
    [InlineData(600, 5, 5)]
    [InlineData(1, 60, 1)]
    [InlineData(600, 0, 1)]
    public void The_budget_is_half_the_deadline_at_most_the_installers(long deadlineSeconds, int mostSeconds, int budgetSeconds) =>
        Assert.Equal(
            TimeSpan.FromSeconds(budgetSeconds), ProbeJobManifest.PreflightBudget(deadlineSeconds, TimeSpan.FromSeconds(mostSeconds)));
}
