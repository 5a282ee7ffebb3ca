using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>Which scenario starts next, as a table: a pool of <c>parallelism</c>, retries at once, the exclusive one last and alone.</summary>
public sealed class ProbeScheduleTests
{
    /// <summary>
    /// States as <c>name:finished attempts:last result:running</c> (last result P, F or -), e.g. <c>a:1:F:run</c>;
    /// the expected starts as <c>name@attempt</c>.
    /// </summary>
    [Theory]
    [InlineData("a:0:-:idle b:0:-:idle c:0:-:idle", 2, 1, "a@1 b@1")]
    [InlineData("a:0:-:run b:0:-:idle c:0:-:idle", 2, 1, "b@1")]
    [InlineData("a:0:-:run b:0:-:run c:0:-:idle", 2, 1, "")]
    [InlineData("a:1:P:idle b:0:-:run c:0:-:idle", 2, 1, "c@1")]
    [InlineData("a:1:F:idle b:0:-:idle", 1, 2, "a@2")]
    [InlineData("a:2:F:idle b:0:-:idle", 1, 2, "b@1")]
    [InlineData("a:1:F:idle b:1:P:idle", 3, 1, "")]
    [InlineData("agent-failure-recovery:0:-:idle a:0:-:idle", 4, 1, "a@1")]
    [InlineData("agent-failure-recovery:0:-:idle a:0:-:run", 4, 1, "")]
    [InlineData("agent-failure-recovery:0:-:idle a:1:P:idle", 4, 1, "agent-failure-recovery@1")]
    [InlineData("agent-failure-recovery:1:F:idle a:1:F:idle", 4, 2, "a@2")]
    [InlineData("agent-failure-recovery:1:F:idle a:2:P:idle", 4, 2, "agent-failure-recovery@2")]
    public void Starts_what_the_pool_allows_and_the_exclusive_scenario_last_and_alone(string states, int parallelism, int maxAttempts, string expected)
    {
        var parsed = Parse(states);

        var next = ProbeSchedule.Next(parsed, parallelism, maxAttempts);

        Assert.Equal(expected, string.Join(" ", next.Select(n => $"{n.Scenario}@{n.Attempt}")));
    }

    [Theory]
    [InlineData("a:1:P:idle b:1:F:idle", 1, true)]
    [InlineData("a:1:P:idle b:1:F:idle", 2, false)]
    [InlineData("a:1:P:idle b:1:F:run", 2, false)]
    [InlineData("a:0:-:idle", 1, false)]
    public void Is_finished_when_every_scenario_passed_or_used_its_attempts(string states, int maxAttempts, bool finished) =>
        Assert.Equal(finished, ProbeSchedule.Finished(Parse(states), maxAttempts));

    private static List<ProbeSchedule.ScenarioState> Parse(string states) =>
        [.. states.Split(' ').Select(state =>
        {
            var parts = state.Split(':');
            var attempts = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            ScenarioOutcome? last = parts[2] switch
            {
                "P" => new ScenarioOutcome(parts[0], 1, 0, 0, 0, 10, [], attempts),
                "F" => new ScenarioOutcome(parts[0], 0, 1, 0, 0, 10, [new FailedCase($"{parts[0]}/x", "no")], attempts),
                _ => null,
            };
            return new ProbeSchedule.ScenarioState(parts[0], attempts, last, parts[3] == "run");
        })];
}
