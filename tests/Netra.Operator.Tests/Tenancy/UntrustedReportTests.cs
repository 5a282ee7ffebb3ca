using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.TestRuns.Stages;
using Netra.Operator.Tests.TestRuns;
using Netra.Probes.Contract;

namespace Netra.Operator.Tests.Tenancy;

/// <summary>
/// A probe pod is the tenant's: whatever its termination message packs, the run finishes, its results stay small,
/// clean and no larger than the scenario's cases allow.
/// </summary>
public sealed class UntrustedReportTests
{
    private static readonly DateTimeOffset Now = Runs.Start.AddMinutes(1);

    public static TheoryData<string, string> Reports => new()
    {
        { "a gzip bomb", new string(' ', 2 * 1024 * 1024) },
        { "not JSON", "DB_PASSWORD=hunter2" },
        { "JSON nested past any depth", new string('[', 5000) + new string(']', 5000) },
        { "counts that are strings", """{"scenarios":[{"name":"thread-management","summary":{"passed":"many"},"cases":[]}]}""" },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void A_report_that_cannot_be_read_ends_the_run_all_the_same(string situation, string report)
    {
        var decision = Finish(report);

        Assert.True(decision.Status!.Conditions.IsTrue(ConditionTypes.Finished), situation);
        var results = decision.Actions.OfType<CreateChild>().Select(c => (V1ConfigMap)c.Child).SingleOrDefault();
        Assert.True(results is null || results.Data[ResultsStage.ReportKey].Length < 1024 * 1024, situation);
    }

    [Fact]
    public void Strings_lose_control_and_format_characters_and_a_huge_scenario_keeps_its_summary_alone()
    {
        const string message = @"\u202eexe.gnp\u0007";
        var cases = string.Join(",", Enumerable.Repeat(
            $$"""{"id":"thread-management/case","result":"failed","message":"{{new string('x', 100)}}"}""", 800));
        var report = $$"""{"scenarios":[{"name":"thread-management","summary":{"passed":1},"cases":[{{cases}}]}]}""";
        var small = $$"""{"scenarios":[{"name":"thread-management","summary":{"passed":1},"cases":[{"id":"x","message":"{{message}}"}]}]}""";

        var huge = Results(Finish(report));
        var clean = Results(Finish(small));

        Assert.Empty(huge["scenarios"]![0]!["cases"]!.AsArray());
        Assert.Contains("were not kept", (string)huge["scenarios"]![0]!["cases_left_out"]!, StringComparison.Ordinal);
        Assert.Equal("exe.gnp", (string)clean["scenarios"]![0]!["cases"]![0]!["message"]!);
    }

    private static TestRunDecision Finish(string report)
    {
        var run = Runs.Existing(r => { r.Spec.Scenarios = ["thread-management"]; r.Status = Runs.Started(Phases.Probing); });
        var summary = TerminationMessage.Parse(Runs.Message(("thread-management", 1, 0)))!;
        var packed = PackedReport.Pack(report);
        var message = TerminationMessage.Serialize(summary with { Report = packed.Length < 3500 ? packed : null });
        return TestRunDecider.Decide(Runs.Observe(run, probes: [Runs.Probe(run, 1, 0, JobProgress.Succeeded, message)]), new ControllerSettings(), Now);
    }

    private static JsonNode Results(TestRunDecision decision) =>
        JsonNode.Parse(((V1ConfigMap)decision.Actions.OfType<CreateChild>().Single().Child).Data[ResultsStage.ReportKey])!;
}
