using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.Status;

public sealed class ResultsStatusTests
{
    [Fact]
    public void Errors_are_counted_apart_from_failures_as_JUnit_counts_them_and_each_scenario_gets_a_result()
    {
        ScenarioOutcome[] outcomes =
        [
            new("thread-management", 10, 0, 0, 0, 120, []),
            new("agent-failure-recovery", 9, 2, 0, 1, 300, [new("agent-failure-recovery/breaker-opens", "expected llm_unavailable, got final_report")], Attempts: 2),
            new("auth-service-independence", 0, 0, 3, 0, 5, []),
        ];

        var summary = ResultsStatus.Summarize(outcomes);
        var scenarios = ResultsStatus.Scenarios(outcomes);

        Assert.Equal((25, 19, 2, 1, 3), (summary.Total, summary.Passed, summary.Failed, summary.Errors, summary.Skipped));
        Assert.Equal(["Passed", "Failed", "Skipped"], scenarios.Select(s => s.Result));
        Assert.Equal((2, 1), (scenarios[1].Failed, scenarios[1].Errors));
        Assert.Equal(2, scenarios[1].Attempts);
        Assert.Equal("expected llm_unavailable, got final_report", scenarios[1].Failures.Single().Message);
    }

    [Fact]
    public void Failures_are_bounded_so_the_object_stays_small()
    {
        var many = Enumerable.Range(0, 50).Select(i => new FailedCase($"s/case-{i}", new string('x', 5000))).ToList();

        var scenario = ResultsStatus.Scenarios([new ScenarioOutcome("s", 0, 50, 0, 0, 1, many)]).Single();

        Assert.Equal(ResultsStatus.MaxFailuresPerScenario, scenario.Failures.Count);
        Assert.All(scenario.Failures, f => Assert.Equal(ResultsStatus.MaxMessageLength, f.Message!.Length));
    }
}
