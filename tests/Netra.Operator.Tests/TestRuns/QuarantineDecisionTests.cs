using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>
/// How a finished run reads its scenarios' results with spec.quarantine and retries, as a table on a fixed clock: the
/// phase, each scenario's result and quarantine, and what the Finished message says.
/// </summary>
public sealed class QuarantineDecisionTests
{
    private static readonly ControllerSettings Settings = new();
    private static readonly DateTimeOffset Now = Runs.Start.AddSeconds(30);
    private const string Tm = "thread-management";
    private const string Ais = "auth-service-independence";

    public static TheoryData<string, string?[], (int Passed, int Failed)[], string, string, string[]> Cases() => new()
    {
        // situation, quarantine (scenario@offset from now in seconds), counts per scenario, phase, results, message parts
        { "no quarantine, one failure", [], [(10, 1), (3, 0)], Phases.Failed, "Failed Passed",
            ["First failure: thread-management/some-case"] },
        { "active, failing", [$"{Tm}@60"], [(10, 1), (3, 0)], Phases.Succeeded, "Failed(q) Passed",
            ["Failed but quarantined: thread-management."] },
        { "active, passing", [$"{Tm}@60"], [(11, 0), (3, 0)], Phases.Succeeded, "Passed(q) Passed", ["0 skipped.", "!quarantined"] },
        { "expired, failing", [$"{Tm}@-60"], [(10, 1), (3, 0)], Phases.Failed, "Failed Passed",
            ["Expired quarantine ignored: thread-management (until 2026-11-24T11:59:30Z)."] },
        { "until now is expired", [$"{Tm}@0"], [(10, 1), (3, 0)], Phases.Failed, "Failed Passed",
            ["Expired quarantine ignored: thread-management"] },
        { "expired beside an active entry for the same scenario", [$"{Tm}@-60", $"{Tm}@60"], [(10, 1), (3, 0)], Phases.Succeeded,
            "Failed(q) Passed", ["!Expired"] },
        { "mixed with a failure not quarantined", [$"{Tm}@60"], [(10, 1), (2, 1)], Phases.Failed, "Failed(q) Failed",
            ["Failed but quarantined: thread-management."] },
        { "every scenario failing and quarantined", [$"{Tm}@60", $"{Ais}@60"], [(0, 1), (0, 1)], Phases.Succeeded, "Failed(q) Failed(q)",
            ["Failed but quarantined: thread-management, auth-service-independence."] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quarantine_decides_as_the_run_finishes(
        string situation, string?[] quarantine, (int Passed, int Failed)[] counts, string phase, string results, string[] message)
    {
        var run = Runs.Existing(r =>
        {
            r.Spec.Quarantine = [.. quarantine.Select(Entry)];
            r.Status = Runs.Started(Phases.Probing);
        });
        var probes = counts.Select((c, index) =>
            Runs.Probe(run, 1, index, JobProgress.Succeeded, Runs.Message((run.Spec.Scenarios![index], c.Passed, c.Failed))));

        var status = TestRunDecider.Decide(Runs.Observe(run, probes: [.. probes]), Settings, Now).Status!;

        Assert.True(phase == status.Phase, $"{situation}: {status.Phase}");
        Assert.Equal(results, string.Join(" ", status.Scenarios.Select(s => s.Result + (s.Quarantined == true ? "(q)" : ""))));
        var said = status.Conditions.Find(ConditionTypes.Finished)!.Message;
        Assert.All(message, part =>
            Assert.True(part.StartsWith('!') ? !said.Contains(part[1..]) : said.Contains(part), $"{situation}: {said}"));
    }

    [Fact]
    public void A_scenario_that_passed_on_a_retry_is_flaky_and_the_run_succeeds()
    {
        var run = Runs.Existing(r => r.Spec.Retries = 1);
        var observation = Runs.Observe(run, probes:
        [
            Runs.Probe(run, 1, 0, JobProgress.Failed, Runs.Message((Tm, 10, 1))),
            Runs.Probe(run, 2, 0, JobProgress.Succeeded, Runs.Message((Tm, 11, 0))),
            Runs.Probe(run, 1, 1, JobProgress.Succeeded, Runs.Message((Ais, 3, 0))),
        ]);

        var status = TestRunDecider.Decide(observation, Settings, Now).Status!;

        Assert.Equal(Phases.Succeeded, status.Phase);
        Assert.Equal(
            [(Tm, ScenarioResults.Flaky, 2), (Ais, ScenarioResults.Passed, 1)],
            status.Scenarios.Select(s => (s.Name, s.Result, s.Attempts)));
        Assert.Equal(
            "14 of 14 cases passed, 0 failed, 0 errors, 0 skipped. Flaky (passed on a retry): thread-management.",
            status.Conditions.Find(ConditionTypes.Finished)!.Message);
    }

    [Fact]
    public void Quarantine_at_is_decided_by_the_clock_given()
    {
        var entry = new QuarantineEntry { Scenario = Tm, Until = Now };

        Assert.True(Quarantine.At([entry], Now.AddTicks(-1)).Excuses(Tm));
        Assert.False(Quarantine.At([entry], Now).Excuses(Tm));
        Assert.Equal([entry], Quarantine.At([entry], Now).Expired);
    }

    private static QuarantineEntry Entry(string? spec)
    {
        var (scenario, offset) = (spec!.Split('@')[0], int.Parse(spec.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture));
        return new QuarantineEntry { Scenario = scenario, Until = Now.AddSeconds(offset), Reason = "tracked in #123" };
    }
}
