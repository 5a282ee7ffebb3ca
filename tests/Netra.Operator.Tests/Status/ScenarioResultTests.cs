using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.Status;

/// <summary>A scenario's result from its last attempt, as the status says it.</summary>
public sealed class ScenarioResultTests
{
    public static TheoryData<string, ScenarioOutcome, string> Cases() => new()
    {
        { "passed first try", new("s", 10, 0, 0, 0, 5, []), ScenarioResults.Passed },
        { "passed on a retry", new("s", 10, 0, 0, 0, 5, [], Attempts: 2), ScenarioResults.Flaky },
        { "failed on its last retry", new("s", 9, 1, 0, 0, 5, [new("s/c", "expected 1, got 2")], Attempts: 3), ScenarioResults.Failed },
        { "failed, no retry", new("s", 9, 1, 0, 0, 5, [new("s/c", "expected 1, got 2")]), ScenarioResults.Failed },
        { "an error fails it", new("s", 9, 0, 0, 1, 5, []), ScenarioResults.Failed },
        { "not run", ScenarioOutcome.NotRun("s", 1), ScenarioResults.NotRun },
        { "skipped", new("s", 0, 0, 3, 0, 5, []), ScenarioResults.Skipped },
        { "skipped on a retry stays skipped", new("s", 0, 0, 3, 0, 5, [], Attempts: 2), ScenarioResults.Skipped },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Result_of_the_last_attempt(string situation, ScenarioOutcome outcome, string result)
    {
        Assert.True(result == ResultsStatus.Result(outcome), situation);
        Assert.Equal(result, ResultsStatus.Scenarios([outcome]).Single().Result);
    }

    [Theory]
    [InlineData(ScenarioResults.Passed, true)]
    [InlineData(ScenarioResults.Flaky, true)]
    [InlineData(ScenarioResults.Failed, false)]
    [InlineData(ScenarioResults.Skipped, false)]
    [InlineData(ScenarioResults.NotRun, false)]
    public void Flaky_counts_as_passing(string result, bool passing) => Assert.Equal(passing, ScenarioResults.Passing(result));
}
