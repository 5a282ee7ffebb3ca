using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Probes.Contract;
using Netra.Probes.Report;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>
/// A run's full results as the CLI's <c>results</c> and the UI read them: the kept report with every scenario of the
/// status, a failed deploy's suite first, none before the run kept or finished anything; read from a real API server.
/// </summary>
public sealed class RunResultsTests(ControlPlaneFixture cp) : IClassFixture<ControlPlaneFixture>
{
    private const string Handshake = ScenarioNames.AuthWebSocketHandshake;
    private const string Threads = ScenarioNames.ThreadManagement;
    private const string Evidence = """{"helm_output":"Error: INSTALLATION FAILED\n","pods":[]}""";

    private static readonly CaseResult Created =
        new($"{Threads}/create", Threads, "creates", CaseOutcome.Passed, TimeSpan.FromSeconds(1));

    private static readonly string ThreadsPassed = JsonReport.Serialize(new RunReport(
        DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(3), [new ScenarioResult(Threads, [Created], TimeSpan.FromSeconds(1))]));

    private static TestRun Run(string phase, string? reason = null, string name = "smoke") => new()
    {
        Metadata = new() { Name = name, NamespaceProperty = "team" },
        Spec = new TestRunSpec { Scenarios = [Handshake, Threads] },
        Status = new TestRunStatus
        {
            Phase = phase,
            StartTime = DateTimeOffset.UnixEpoch,
            CompletionTime = reason is null ? null : DateTimeOffset.UnixEpoch.AddSeconds(7),
            Conditions = reason is null
                ? []
                : [new TestRunCondition { Type = ConditionTypes.Finished, Status = "True", Reason = reason, Message = $"ended: {reason}" }],
        },
    };

    public static TheoryData<string, string?, string?, string?, string[], string?> Cases => new()
    {
        // phase, finished reason, kept report, kept evidence, suites in order, aborted
        { Phases.Probing, null, null, null, [], null },
        { Phases.Pending, null, null, Evidence, [], null },
        { Phases.Probing, null, ThreadsPassed, null, [Handshake, Threads], null },
        { Phases.Failed, Reasons.TestsFailed, ThreadsPassed, null, [Handshake, Threads], null },
        { Phases.Failed, Reasons.DeployFailed, null, Evidence, [DeployEvidenceReport.Suite, Handshake, Threads], "ended: DeployFailed" },
        { Phases.Succeeded, Reasons.Succeeded, null, null, [Handshake, Threads], null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_results_hold_every_scenario_after_a_failed_deploys_suite(
        string phase, string? reason, string? report, string? evidence, string[] suites, string? aborted)
    {
        var results = RunResults.Of(Run(phase, reason), report is null && evidence is null ? null : new KeptResults(report, evidence));

        if (suites.Length == 0)
        {
            Assert.Null(results);
            return;
        }

        Assert.NotNull(results);
        Assert.Equal(suites, results.Scenarios.Select(s => s.Name));
        Assert.Equal(aborted, results.Aborted);
    }

    [Fact]
    public void A_scenario_the_report_lacks_lists_its_declared_cases_as_errors_saying_why()
    {
        var results = RunResults.Of(Run(Phases.Failed, Reasons.TestsFailed), new KeptResults(ThreadsPassed, null))!;

        var handshake = results.Scenarios.Single(s => s.Name == Handshake);
        Assert.Equal(ScenarioCases.Of(Handshake).Select(c => $"{Handshake}/{c.Id}"), handshake.Cases.Select(c => c.Id));
        Assert.All(handshake.Cases, c => Assert.Equal((CaseOutcome.Error, "not run: ended: TestsFailed"), (c.Outcome, c.Message)));
        Assert.Equal(CaseOutcome.Passed, results.Scenarios.Single(s => s.Name == Threads).Cases.Single().Outcome);
    }

    [Fact]
    public void The_json_and_junit_texts_are_the_reports_files()
    {
        var results = RunResults.Of(Run(Phases.Failed, Reasons.DeployFailed), new KeptResults(null, Evidence))!;

        Assert.Equal(JsonReport.Serialize(results), RunResults.Json(results));
        Assert.Equal(results.Summary, JsonReport.Parse(RunResults.Json(results), "download").Summary);
        var junit = System.Xml.Linq.XDocument.Parse(RunResults.JUnit(results));
        var suites = junit.Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value);
        Assert.Equal([DeployEvidenceReport.Suite, Handshake, Threads], suites);
    }

    [Fact]
    public async Task Read_from_the_API_server_the_kept_report_an_absent_one_and_an_empty_one()
    {
        var ns = $"results-{Guid.NewGuid():N}"[..20];
        await cp.AdminClient.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var kept = Run(Phases.Failed, Reasons.TestsFailed, "kept");
        var missing = Run(Phases.Probing, name: "missing");
        var empty = Run(Phases.Failed, Reasons.TestsFailed, "empty");
        foreach (var run in new[] { kept, missing, empty })
        {
            run.Metadata.NamespaceProperty = ns;
        }

        await KeepAsync(ns, kept, new Dictionary<string, string> { [ResultsStage.ReportKey] = ThreadsPassed });
        await KeepAsync(ns, empty, new Dictionary<string, string> { ["other"] = "x" });

        var read = await RunResults.ReadAsync(cp.AdminClient, kept, CancellationToken.None);
        Assert.Equal([Handshake, Threads], read!.Scenarios.Select(s => s.Name));
        Assert.Equal(1, read.Summary.Passed);
        Assert.Null(await RunResults.ReadAsync(cp.AdminClient, missing, CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => RunResults.ReadAsync(cp.AdminClient, empty, CancellationToken.None));
        Assert.Equal($"the results of TestRun {ns}/empty hold no report.", error.Message);
    }

    private Task<V1ConfigMap> KeepAsync(string ns, TestRun run, Dictionary<string, string> data) =>
        cp.AdminClient.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = ChildNames.ResultsConfigMap(run) }, Data = data }, ns);
}
