using System.Xml.Linq;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Contract;
using Netra.Probes.Report;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>A failed deploy's evidence in the reports: the suite <c>deploy</c> first, its case in error, the evidence line by line.</summary>
public sealed class DeployEvidenceReportTests
{
    private const string Kept = """{"helm_output":"Error: INSTALLATION FAILED: context deadline exceeded\n","pods":[{"name":"netra-backend-x","phase":"Pending"}]}""";

    private static readonly TestRun Run = new()
    {
        Metadata = new() { Name = "smoke", NamespaceProperty = "team" },
        Status = new TestRunStatus
        {
            Phase = Phases.Failed,
            Conditions = [new TestRunCondition { Type = ConditionTypes.Finished, Status = "True", Reason = Reasons.DeployFailed, Message = "The deploy Job netra-deploy failed: Error" }],
        },
    };

    private static readonly RunReport Scenarios = new(
        DateTimeOffset.UnixEpoch, TimeSpan.Zero, [new ScenarioResult("thread-management", [], TimeSpan.Zero)]);

    [Fact]
    public void The_deploy_suite_comes_first_with_one_error_case_whose_system_out_holds_the_evidence()
    {
        var report = DeployEvidenceReport.With(Scenarios, Run, Kept);

        var suites = JUnitReport.From(report).Root!.Elements("testsuite").ToList();
        Assert.Equal([DeployEvidenceReport.Suite, "thread-management"], suites.Select(s => s.Attribute("name")!.Value));
        var testcase = Assert.Single(suites[0].Elements("testcase"));
        Assert.Equal("The deploy Job netra-deploy failed: Error", testcase.Element("error")!.Attribute("message")!.Value);
        Assert.Equal(
            """
            deploy/helm-upgrade: helm upgrade --install of auth, agent and backend into the run's namespace
            evidence:
              helm output (the deploy pod's termination message):
                Error: INSTALLATION FAILED: context deadline exceeded
              pod netra-backend-x: Pending
            """.ReplaceLineEndings("\n"),
            testcase.Element("system-out")!.Value);
        Assert.Equal("1", suites[0].Attribute("errors")!.Value);
    }

    [Fact]
    public void The_evidence_survives_the_json_report_read_back()
    {
        var report = DeployEvidenceReport.With(Scenarios, Run, Kept);

        var read = JsonReport.Parse(JsonReport.Serialize(report), "r.json");

        var deploy = read.Scenarios[0].Cases.Single();
        Assert.Equal(CaseOutcome.Error, deploy.Outcome);
        Assert.Equal(report.Scenarios[0].Cases.Single().Evidence, deploy.Evidence);
    }

    [Fact]
    public void Without_kept_evidence_the_report_is_as_it_was()
    {
        Assert.Same(Scenarios, DeployEvidenceReport.With(Scenarios, Run, kept: null));
    }
}
