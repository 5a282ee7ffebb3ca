using System.Text;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Prometheus;

namespace Netra.Operator.Tests.Status;

/// <summary>Each scenario of a finished run is counted once by its outcome: flaky and quarantined failures apart.</summary>
public sealed class OutcomeMetricsOutcomeTests
{
    [Fact]
    public async Task Scenarios_are_counted_by_outcome()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new OutcomeMetrics(Metrics.WithCustomRegistry(registry));
        metrics.Finished("team", new TestRunStatus
        {
            Phase = Phases.Succeeded,
            Scenarios =
            [
                new() { Name = "thread-management", Result = ScenarioResults.Flaky, Passed = 11, Attempts = 2 },
                new() { Name = "auth-service-independence", Result = ScenarioResults.Failed, Failed = 1, Quarantined = true },
                new() { Name = "agent-lifecycle-events", Result = ScenarioResults.Passed, Passed = 4 },
                new() { Name = "thread-management-not-run", Result = ScenarioResults.NotRun },
            ],
        });
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var exported = Encoding.UTF8.GetString(text.ToArray());

        string[] expected =
        [
            """netra_testrun_scenarios_total{namespace="team",scenario="thread-management",outcome="flaky"} 1""",
            """netra_testrun_scenarios_total{namespace="team",scenario="auth-service-independence",outcome="quarantined"} 1""",
            """netra_testrun_scenarios_total{namespace="team",scenario="agent-lifecycle-events",outcome="passed"} 1""",
            """netra_testrun_scenarios_total{namespace="team",scenario="thread-management-not-run",outcome="not_run"} 1""",
            """netra_testrun_cases_total{namespace="team",scenario="thread-management",result="passed"} 11""",
        ];
        Assert.All(expected, line => Assert.Contains(line, exported, StringComparison.Ordinal));
    }
}
