using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Serve;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>What runs ended with, on the operator's /metrics, once a run has finished.</summary>
public sealed class OutcomeMetricsTests(OperatorTestBedFixture bed) : WithOperator(bed, "outcomes")
{
    [Fact]
    public async Task A_finished_run_is_counted_by_namespace_phase_and_reason_and_its_cases_by_scenario_and_result()
    {
        var ns = await Bed.CreateNamespaceAsync("outcomes");
        await Bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: counted}
            spec:
              scenarios: [auth-service-independence]
              environment: {mode: Existing, endpoints: {{OperatorTestBed.UnreachableEndpoints}}}
            """);
        await Bed.WaitForPhaseAsync(ns, "counted", Phases.Failed);

        using var http = new HttpClient();
        var metrics = string.Empty;
        await Eventually.WaitUntilAsync(
            async () => (metrics = await http.GetStringAsync(new Uri(Operator.HealthAddress, "/metrics"))).Contains("netra_testruns_finished_total{", StringComparison.Ordinal),
            "the outcome counted", OperatorTestBed.Deadline);

        // Nothing answers at the endpoints: the probes' preflight ends the run before any case.
        Assert.Contains($"netra_testruns_finished_total{{namespace=\"{ns}\",phase=\"Failed\",reason=\"PreflightFailed\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"netra_testrun_cases_total{{namespace=\"{ns}\",scenario=\"auth-service-independence\",result=\"error\"}}", metrics, StringComparison.Ordinal);
        Assert.Contains($"netra_testrun_duration_seconds_count{{namespace=\"{ns}\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_testrun_scenario_duration_seconds_count{scenario=\"auth-service-independence\"} 1", metrics, StringComparison.Ordinal);
        await Promtool.RunAsync(["check", "metrics"], metrics);
    }
}
