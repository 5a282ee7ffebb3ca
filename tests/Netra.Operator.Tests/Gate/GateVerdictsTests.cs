using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Gate;

namespace Netra.Operator.Tests.Gate;

/// <summary>A TestRun's status → the gate's verdict, as a table.</summary>
public sealed class GateVerdictsTests
{
    public static TheoryData<string, TestRun, string, string> Cases() => new()
    {
        { "no status yet", Run(null), Verdicts.InProgress, "" },
        { "probing", Run(Status(Phases.Probing)), Verdicts.InProgress, "" },
        { "deploying", Run(Status(Phases.Deploying)), Verdicts.InProgress, "" },
        { "succeeded", Run(Status(Phases.Succeeded)), Verdicts.Passed, "" },
        { "failed: the failed scenarios, not those that passed or did not run",
            Run(Status(Phases.Failed, ("thread-management", ScenarioResults.Failed), ("auth-service-independence", ScenarioResults.Passed),
                ("agent-streaming", ScenarioResults.NotRun), ("auth-token-refresh", ScenarioResults.Failed))),
            Verdicts.Failed, "thread-management,auth-token-refresh" },
        { "failed before any scenario (preflight)", Run(Status(Phases.Failed)), Verdicts.Failed, "" },
        { "succeeded, then its spec changed: it runs again", Run(Status(Phases.Succeeded), generation: 2), Verdicts.InProgress, "" },
        { "failed, then a re-run asked for", Run(Status(Phases.Failed), rerun: "again"), Verdicts.InProgress, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_run_reads_as_passed_failed_or_in_progress(string why, TestRun run, string verdict, string failedScenarios)
    {
        var answer = GateVerdicts.Of(run, reportUrl: null);

        Assert.True(verdict == answer.Verdict, $"{why}: {answer.Verdict}");
        Assert.Equal(verdict == Verdicts.Passed, answer.Passed);
        Assert.Equal(verdict == Verdicts.Failed, answer.Failed);
        Assert.Equal(failedScenarios, string.Join(',', answer.FailedScenarios));
    }

    [Fact]
    public void The_answer_names_the_run_its_revision_phase_message_and_report()
    {
        var run = Run(Status(Phases.Failed) with
        {
            Conditions =
            [
                new TestRunCondition
                {
                    Type = ConditionTypes.Finished, Status = "True", Reason = "TestsFailed", Message = "1 of 14 failed.",
                },
            ],
        });

        var answer = GateVerdicts.Of(run, reportUrl: null);
        var linked = GateVerdicts.Of(run, "https://ci.example/netra/{namespace}/{name}");

        Assert.Equal(
            ("team", "smoke", Phases.Failed, "abc123", "1 of 14 failed."),
            (answer.Namespace, answer.Name, answer.Phase, answer.Revision, answer.Message));
        Assert.Equal("netra-operator results smoke -n team", answer.Report);
        Assert.Equal("https://ci.example/netra/team/smoke", linked.Report);
    }

    [Theory]
    [InlineData(Phases.Succeeded, "", "thread-management")]
    [InlineData(Phases.Failed, "auth-token-refresh", "thread-management")]
    public void Quarantined_failures_are_listed_apart_from_the_failed_scenarios(string phase, string failed, string quarantined)
    {
        var status = Status(phase, ("thread-management", ScenarioResults.Failed), ("auth-service-independence", ScenarioResults.Flaky),
            ("auth-token-refresh", phase == Phases.Failed ? ScenarioResults.Failed : ScenarioResults.Passed));
        var run = Run(status with { Scenarios = [status.Scenarios[0] with { Quarantined = true }, .. status.Scenarios.Skip(1)] });

        var answer = GateVerdicts.Of(run, reportUrl: null);

        Assert.Equal((failed, quarantined), (string.Join(',', answer.FailedScenarios), string.Join(',', answer.QuarantinedScenarios)));
    }

    [Fact]
    public void A_schedule_without_a_run_for_the_revision_is_in_progress_not_failed()
    {
        var answer = GateVerdicts.NotStarted("team", "smoke", "abc123");

        Assert.Equal(
            (Verdicts.InProgress, false, false, GateVerdicts.NotStartedPhase),
            (answer.Verdict, answer.Passed, answer.Failed, answer.Phase));
        Assert.Null(answer.Name);
        Assert.Contains("abc123", answer.Message, StringComparison.Ordinal);
    }

    private static TestRunStatus Status(string phase, params (string Name, string Result)[] scenarios) => new()
    {
        Phase = phase,
        ObservedGeneration = 1,
        Scenarios = [.. scenarios.Select(s => new ScenarioStatus { Name = s.Name, Result = s.Result })],
    };

    private static TestRun Run(TestRunStatus? status, long generation = 1, string? rerun = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "smoke",
            NamespaceProperty = "team",
            Generation = generation,
            Annotations = rerun is null ? null : new Dictionary<string, string> { ["netra.io/rerun"] = rerun },
        },
        Spec = new TestRunSpec { Revision = "abc123" },
        Status = status,
    };
}
