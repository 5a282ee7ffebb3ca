using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules.Stages;

namespace Netra.Operator.Tests.Schedules;

public sealed class FlakinessTests
{
    [Theory]
    [InlineData("PPPP", 0, 0, false)]
    [InlineData("PFPP", 2, 67, true)]
    [InlineData("PPFF", 1, 33, false)]
    [InlineData("FFPP", 1, 33, false)]
    [InlineData("PFFP", 2, 67, true)]
    [InlineData("FPFPF", 4, 100, true)]
    [InlineData("P", 0, 0, false)]
    public void Flip_rate_counts_changes_and_passed_failed_passed_is_flaky(string outcomes, int flips, int rate, bool flaky)
    {
        var scenario = Flakiness.Of("thread-management", [.. outcomes.Select(c => c == 'P')]);

        Assert.Equal((outcomes.Length, flips, rate, flaky), (scenario.Runs, scenario.Flips, scenario.FlipRate, scenario.Flaky));
    }

    [Fact]
    public void A_scripted_sequence_of_results_gives_the_pass_rate_and_each_scenarios_flip_rate()
    {
        // Oldest first: thread-management passes, fails, passes; auth fails once then passes; the run passes when both do.
        (bool Threads, bool Auth)[] script = [(true, false), (false, true), (true, true), (true, true), (true, true)];
        var newestFirst = script.Select((s, i) => Result(i, s.Threads, s.Auth)).Reverse().ToList();

        var scenarios = Flakiness.Scenarios(newestFirst);

        Assert.Equal(60, Flakiness.PassRate(newestFirst));
        var threads = Assert.Single(scenarios, s => s.Name == "thread-management");
        Assert.Equal((5, 2, 50, true), (threads.Runs, threads.Flips, threads.FlipRate, threads.Flaky));
        var auth = Assert.Single(scenarios, s => s.Name == "auth-websocket-handshake");
        Assert.Equal((5, 1, 25, false), (auth.Runs, auth.Flips, auth.FlipRate, auth.Flaky));
        Assert.Null(Flakiness.PassRate([]));
    }

    [Fact]
    public void A_scenario_flaky_within_one_run_counts_as_passed_and_is_marked_flaky()
    {
        var steady = Result(0, true, true);
        var newestFirst = new[] { steady with { Name = "smoke-1", FlakyScenarios = ["thread-management"] }, steady };

        var threads = Assert.Single(Flakiness.Scenarios(newestFirst), s => s.Name == "thread-management");

        Assert.Equal((2, 0, 0, true), (threads.Runs, threads.Flips, threads.FlipRate, threads.Flaky));
        Assert.False(Assert.Single(Flakiness.Scenarios(newestFirst), s => s.Name == "auth-websocket-handshake").Flaky);
        Assert.Equal(100, Flakiness.PassRate(newestFirst));
    }

    [Fact]
    public void A_run_records_its_flaky_scenarios_as_passed_and_as_flaky()
    {
        var run = Schedules.Run("smoke-1", Phases.Succeeded, Schedules.Created, ("thread-management", ScenarioResults.Flaky),
            ("auth-websocket-handshake", ScenarioResults.Passed), ("agent-lifecycle-events", ScenarioResults.Failed));

        var recorded = Assert.Single(ResultsStage.Record([], [run]));

        Assert.Equal(["thread-management", "auth-websocket-handshake"], recorded.PassedScenarios);
        Assert.Equal(["thread-management"], recorded.FlakyScenarios);
        Assert.Equal(["agent-lifecycle-events"], recorded.FailedScenarios);
    }

    [Fact]
    public void A_scenario_failing_30_percent_at_random_is_flagged_within_20_runs_and_steady_ones_never_over_100()
    {
        var random = new Random(2026);
        IReadOnlyList<ScheduledRunResult> results = [];
        int? flaggedAt = null;
        for (var n = 1; n <= 100; n++)
        {
            var run = Schedules.Run($"smoke-{n}", Phases.Failed, Schedules.Created.AddMinutes(n),
                ("thread-management", random.NextDouble() < 0.3 ? ScenarioResults.Failed : ScenarioResults.Passed),
                ("auth-websocket-handshake", ScenarioResults.Passed),
                ("agent-lifecycle-events", ScenarioResults.Failed),
                // A regression: passes until the 40th run, fails from then on.
                ("multi-agent-isolation", n < 40 ? ScenarioResults.Passed : ScenarioResults.Failed));

            // Each run recorded as the schedule records it, in its window of the latest results.
            results = ResultsStage.Record(results, [run]);
            var scenarios = Flakiness.Scenarios(results);
            flaggedAt ??= scenarios.Single(s => s.Name == "thread-management").Flaky ? n : null;
            Assert.DoesNotContain(scenarios, s => s.Flaky && s.Name != "thread-management");
        }

        Assert.InRange(flaggedAt ?? int.MaxValue, 1, 20);
    }

    private static ScheduledRunResult Result(int index, bool threads, bool auth) => new()
    {
        Name = $"smoke-{index}",
        Phase = threads && auth ? Phases.Succeeded : Phases.Failed,
        CompletionTime = Schedules.Created.AddMinutes(index),
        PassedScenarios = [.. Named(threads, auth, true)],
        FailedScenarios = [.. Named(threads, auth, false)],
    };

    private static IEnumerable<string> Named(bool threads, bool auth, bool passed)
    {
        if (threads == passed)
        {
            yield return "thread-management";
        }

        if (auth == passed)
        {
            yield return "auth-websocket-handshake";
        }
    }
}
