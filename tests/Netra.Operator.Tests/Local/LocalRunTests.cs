using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Local;
using Netra.Probes.Contract;
using Spectre.Console;

namespace Netra.Operator.Tests.Local;

/// <summary>The local run end to end: real services on loopback, the real probes, the status a user reads.</summary>
public sealed class LocalRunTests
{
    /// <summary>A console as a terminal would show it, and how many case lines (PASS, FAIL, SKIP, ERROR) it printed.</summary>
    private sealed class CapturedConsole
    {
        private readonly StringWriter _output = new();

        public CapturedConsole()
        {
            Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(_output) });
            Console.Profile.Width = 200;
        }

        public IAnsiConsole Console { get; }

        public int CaseLines => _output.ToString().Split('\n').Count(l => l.StartsWith("PASS ", StringComparison.Ordinal)
            || l.StartsWith("FAIL ", StringComparison.Ordinal) || l.StartsWith("SKIP ", StringComparison.Ordinal) || l.StartsWith("ERROR ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_example_manifest_runs_every_scenario_and_every_case_passes()
    {
        var run = TestRunManifest.Load(Path.Combine(Repository.Root, "examples", "testrun-local.yaml"));
        var console = new CapturedConsole();

        var finished = (await new LocalRun(console.Console, TimeProvider.System).ExecuteAsync(run, CancellationToken.None)).Run;

        var status = finished.Status!;
        var failures = status.Scenarios.SelectMany(s => s.Failures).Select(f => $"{f.Id}: {f.Message}");
        Assert.True(status.Phase == Phases.Succeeded, string.Join("\n", failures));
        Assert.Equal(0, status.Summary!.Failed);
        Assert.Equal(0, status.Summary.Skipped);
        Assert.InRange(status.Summary.Passed, 79, int.MaxValue);
        Assert.Equal(status.Summary.Total, console.CaseLines);
        Assert.Equal(ScenarioNames.All, status.Scenarios.Select(s => s.Name));
        Assert.Equal("True", status.Conditions.Single(c => c.Type == ConditionTypes.Succeeded).Status);
        Assert.NotNull(status.CompletionTime);
    }

    [Fact]
    public async Task An_invalid_spec_is_stalled_with_its_problems_and_nothing_runs()
    {
        var run = TestRunManifest.Parse("""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: bad}
            spec:
              parallelism: 0
              environment: {mode: Existing}
            """, "bad.yaml");
        var console = new CapturedConsole();

        var finished = (await new LocalRun(console.Console, TimeProvider.System).ExecuteAsync(run, CancellationToken.None)).Run;

        var stalled = finished.Status!.Conditions.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal(("True", "InvalidSpec"), (stalled.Status, stalled.Reason));
        Assert.Contains("spec.parallelism must be between 1 and 10", stalled.Message, StringComparison.Ordinal);
        Assert.Contains("spec.environment.endpoints", stalled.Message, StringComparison.Ordinal);
        Assert.Equal(Phases.Failed, finished.Status.Phase);
        Assert.True(finished.Status.Conditions.IsTrue(ConditionTypes.Finished));
        Assert.Equal(0, console.CaseLines);
    }

    [Fact]
    public async Task Existing_services_are_probed_where_they_are_and_a_failed_scenario_is_retried_then_reported()
    {
        // An agent whose model calls are never retried: the transient-failure cases must fail, on every attempt (the
        // full profile: the safe one, Existing mode's default, would not inject the faults).
        await using var environment = await LocalEnvironment.StartAsync(CancellationToken.None, new ServiceSettings([], ["--Agent:Retry:MaxRetryAttempts=0"], []));
        var run = TestRunManifest.Parse($"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata:
              name: existing
            spec:
              scenarios: [agent-failure-recovery, auth-service-independence]
              retries: 1
              profile: Full
              revision: v1.4.2
              environment:
                mode: Existing
                endpoints:
                  authUrl: {environment.Targets.AuthUrl}
                  backendUrl: {environment.Targets.BackendUrl}
                  agentUrl: {environment.Targets.AgentUrl}
            """, "existing.yaml");

        var status = (await new LocalRun(new CapturedConsole().Console, TimeProvider.System).ExecuteAsync(run, CancellationToken.None)).Run.Status!;

        Assert.Equal(Phases.Failed, status.Phase);
        Assert.Equal("External", status.Environment!.DeployState);
        var recovery = status.Scenarios.Single(s => s.Name == "agent-failure-recovery");
        Assert.Equal(("Failed", 2), (recovery.Result, recovery.Attempts));
        Assert.Contains(recovery.Failures, f => f.Id == "agent-failure-recovery/transient-llm-failure-retried" && f.Message!.Contains("final_report", StringComparison.Ordinal));
        var independence = status.Scenarios.Single(s => s.Name == "auth-service-independence");
        Assert.Equal(("Passed", 1), (independence.Result, independence.Attempts));
        var stalled = status.Conditions.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal(("True", "TestsFailed"), (stalled.Status, stalled.Reason));
        // On this machine there are no pods to read nor charts: what it tested is the revision alone.
        Assert.Equal(("v1.4.2", 0, 0, null), (status.Tested!.Revision, status.Tested.Images.Count, status.Tested.Charts.Count, status.Tested.ValuesHash));
    }

    [Fact]
    public async Task A_run_that_times_out_keeps_the_scenarios_that_finished_and_lists_the_others_as_not_run()
    {
        // auth-service-independence takes a fraction of a second; an agent that streams a character every half second
        // keeps agent-lifecycle-events going for minutes (its cases run in order, each up to its 30 s deadline), so a 60 s
        // timeout ends the run between the two, whatever the load (20 s could end it before the services were up).
        var run = TestRunManifest.Parse("""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: short}
            spec:
              scenarios: [auth-service-independence, agent-lifecycle-events]
              timeout: 60s
              environment:
                charts:
                  agent: {values: {config: {Agent__Streaming__ChunkSize: "1", Agent__Streaming__ChunkDelay: "00:00:00.500"}}}
            """, "short.yaml");

        var status = (await new LocalRun(new CapturedConsole().Console, TimeProvider.System).ExecuteAsync(run, CancellationToken.None)).Run.Status!;

        Assert.Equal(Phases.Failed, status.Phase);
        Assert.Equal(Reasons.TimedOut, status.Conditions.Find(ConditionTypes.Finished)!.Reason);
        Assert.Equal(
            [("auth-service-independence", ScenarioResults.Passed), ("agent-lifecycle-events", ScenarioResults.NotRun)],
            status.Scenarios.Select(s => (s.Name, s.Result)));
        Assert.True(status.Summary!.Passed > 0);
    }
}
