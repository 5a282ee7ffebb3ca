using k8s.Models;
using Netra.Operator.Cli;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Spectre.Console;

namespace Netra.Operator.Tests.Cli;

/// <summary>What following a cluster run prints for each status it sees, and when it stops.</summary>
public sealed class RunProgressTests
{
    private const string Probing = "Probing auth-service-independence; 0 of 2 scenarios finished.";
    private const string Ended = "1 of 2 scenarios finished: 0 of 3 cases passed, 3 failed.";

    private static TestRunStatus Status(string phase, string message, string? rerun = null, long generation = 1, params ScenarioStatus[] scenarios) => new()
    {
        Phase = phase,
        ObservedGeneration = generation,
        Run = 1,
        Rerun = rerun,
        Conditions = [new TestRunCondition { Type = ConditionTypes.Ready, Status = "False", Reason = phase, Message = message }],
        Scenarios = scenarios,
    };

    private static TestRun Run(TestRunStatus? status, string? rerun = null, long generation = 1) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "smoke",
            NamespaceProperty = "ci",
            Generation = generation,
            Annotations = rerun is null ? null : new Dictionary<string, string> { [ChildNames.RerunAnnotation] = rerun },
        },
        Spec = new TestRunSpec(),
        Status = status,
    };

    private static readonly ScenarioStatus FailedScenario = new()
    {
        Name = "auth-service-independence",
        Result = ScenarioResults.Failed,
        Errors = 3,
        DurationMs = 12,
        Failures = [new CaseFailure { Id = "auth-service-independence/ready-on-its-own", Message = "not run: preflight failed" }],
    };

    private static readonly ScenarioStatus NotRunScenario = new() { Name = "thread-management", Result = ScenarioResults.NotRun, Attempts = 0 };

    private static readonly ScenarioStatus PassedScenario = new() { Name = "thread-management", Result = ScenarioResults.Passed, Passed = 10 };

    public static TheoryData<string, TestRunStatus?, TestRun, string[]> Changes => new()
    {
        { "no status yet", null, Run(null), [] },
        { "the first status", null, Run(Status(Phases.Probing, Probing)), [$"[grey]{Probing}[/]"] },
        { "the same message again", Status(Phases.Probing, Probing), Run(Status(Phases.Probing, Probing)), [] },
        { "a new message", Status(Phases.Pending, "Queued."), Run(Status(Phases.Probing, Probing)), [$"[grey]{Probing}[/]"] },
        {
            "the end: scenarios, then the message",
            Status(Phases.Probing, Probing),
            Run(Status(Phases.Failed, Ended, scenarios: [FailedScenario, NotRunScenario])),
            [
                "[red]FAIL [/] auth-service-independence [grey]0 passed, 0 failed, 3 errors, 0 skipped, 1 attempt(s), 12 ms[/]\n"
                    + "       [grey]not run: preflight failed[/]",
                "[red]ERROR[/] thread-management [grey]0 passed, 0 failed, 0 errors, 0 skipped, 0 attempt(s), 0 ms[/]",
                $"[grey]{Ended}[/]",
            ]
        },
        {
            "only the scenarios not told yet",
            Status(Phases.Probing, Probing, scenarios: [FailedScenario]),
            Run(Status(Phases.Probing, Probing, scenarios: [FailedScenario, PassedScenario])),
            ["[green]PASS [/] thread-management [grey]10 passed, 0 failed, 0 errors, 0 skipped, 1 attempt(s), 0 ms[/]"]
        },
        {
            "a flaky scenario and a quarantined failure",
            null,
            Run(Status(Phases.Succeeded, Ended, scenarios:
            [
                PassedScenario with { Result = ScenarioResults.Flaky, Attempts = 2 },
                FailedScenario with { Quarantined = true, Failures = [] },
            ])),
            [
                "[yellow]FLAKY[/] thread-management [grey]10 passed, 0 failed, 0 errors, 0 skipped, 2 attempt(s), 0 ms[/]",
                "[red]FAIL [/] auth-service-independence (quarantined) [grey]0 passed, 0 failed, 3 errors, 0 skipped, 1 attempt(s), 12 ms[/]",
                $"[grey]{Ended}[/]",
            ]
        },
        { "the previous run's status (re-run asked for)", null, Run(Status(Phases.Failed, Ended, rerun: "1"), rerun: "2"), [] },
        { "the previous generation's status", null, Run(Status(Phases.Failed, Ended, generation: 1), generation: 2), [] },
        { "a message with markup characters", null, Run(Status(Phases.Probing, "[x]")), ["[grey][[x]][/]"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_status_change_gives_these_lines(string what, TestRunStatus? shown, TestRun now, string[] expected) =>
        Assert.True(expected.SequenceEqual(RunProgress.Lines(shown, now)), $"{what}: {string.Join(" | ", RunProgress.Lines(shown, now))}");

    public static TheoryData<string, TestRun, bool> Ends => new()
    {
        { "no status", Run(null), false },
        { "probing", Run(Status(Phases.Probing, Probing)), false },
        { "failed", Run(Status(Phases.Failed, Ended)), true },
        { "succeeded", Run(Status(Phases.Succeeded, Ended)), true },
        { "succeeded with the annotation it started with", Run(Status(Phases.Succeeded, Ended, rerun: "7"), rerun: "7"), true },
        { "the previous run failed, a re-run asked for", Run(Status(Phases.Failed, Ended, rerun: "7"), rerun: "8"), false },
        { "the previous generation failed", Run(Status(Phases.Failed, Ended), generation: 2), false },
    };

    [Theory]
    [MemberData(nameof(Ends))]
    public void Following_stops_once_the_run_asked_for_is_over(string what, TestRun run, bool over) =>
        Assert.True(over == RunProgress.IsOver(run), what);

    [Fact]
    public void The_verdict_table_says_flaky_and_quarantined()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        var status = Status(Phases.Succeeded, Ended, scenarios:
            [PassedScenario with { Result = ScenarioResults.Flaky, Attempts = 2 }, FailedScenario with { Quarantined = true }]);

        RunVerdict.Write(console, status);

        var rows = text.ToString().Split('\n')
            .Where(l => l.Contains(" ms ", StringComparison.Ordinal))
            .Select(l => l.Split('│', StringSplitOptions.TrimEntries));
        Assert.Equal(
            [("thread-management", "Flaky"), ("auth-service-independence", "Failed (quarantined)")], rows.Select(r => (r[1], r[2])));
    }

    [Fact]
    public void What_a_run_was_doing_names_its_phase_and_message_or_that_it_has_not_started()
    {
        Assert.Equal($"Probing: {Probing}", RunProgress.Doing(Run(Status(Phases.Probing, Probing))));
        Assert.Equal(
            "not started again by the operator yet (its status is still run 1's)",
            RunProgress.Doing(Run(Status(Phases.Failed, Ended, rerun: "1"), rerun: "2")));
        Assert.Equal("not started by the operator yet (no status for it)", RunProgress.Doing(Run(null)));
        Assert.Equal("not started by the operator yet (no status for it)", RunProgress.Doing(null));
    }
}
