using Netra.Operator.Core.Api.V1Alpha1;
using Prometheus;

namespace Netra.Operator.Core.Status;

/// <summary>
/// What runs ended with, on /metrics, to alert on and chart: runs by namespace, phase and reason, cases by namespace,
/// scenario and result, scenarios by namespace, scenario and outcome (<see cref="Outcome"/>), run and scenario
/// durations. Counted once, when the operator writes a run's final status. Every label takes a bounded set of values:
/// the cluster's namespaces, the fixed phases, reasons, scenarios, results and outcomes.
/// </summary>
public sealed class OutcomeMetrics
{
    private readonly Counter _runs;
    private readonly Counter _cases;
    private readonly Counter _scenarios;
    private readonly Histogram _runDurations;
    private readonly Histogram _scenarioDurations;

    public OutcomeMetrics(IMetricFactory factory)
    {
        _runs = factory.CreateCounter(
            "netra_testruns_finished_total", "TestRuns finished, by namespace, phase and reason.", ["namespace", "phase", "reason"]);
        _cases = factory.CreateCounter(
            "netra_testrun_cases_total", "Cases of finished TestRuns, by namespace, scenario and result.", ["namespace", "scenario", "result"]);
        _scenarios = factory.CreateCounter(
            "netra_testrun_scenarios_total",
            "Scenarios of finished TestRuns, by namespace, scenario and outcome (passed, flaky, failed, quarantined, skipped, not_run).",
            ["namespace", "scenario", "outcome"]);
        var buckets = Histogram.ExponentialBuckets(1, 2, 12);
        _runDurations = factory.CreateHistogram(
            "netra_testrun_duration_seconds",
            "Wall time of finished TestRuns, by namespace.",
            new HistogramConfiguration { LabelNames = ["namespace"], Buckets = buckets });
        _scenarioDurations = factory.CreateHistogram(
            "netra_testrun_scenario_duration_seconds", "Wall time of each scenario's last attempt.",
            new HistogramConfiguration { LabelNames = ["scenario"], Buckets = buckets });
    }

    public void Finished(string ns, TestRunStatus status)
    {
        _runs.WithLabels(ns, status.Phase ?? "Unknown", status.Conditions.Find(ConditionTypes.Finished)?.Reason ?? "Unknown").Inc();
        if (status is { StartTime: { } started, CompletionTime: { } completed })
        {
            _runDurations.WithLabels(ns).Observe((completed - started).TotalSeconds);
        }

        foreach (var scenario in status.Scenarios)
        {
            _scenarios.WithLabels(ns, scenario.Name, Outcome(scenario)).Inc();
        }

        foreach (var scenario in status.Scenarios.Where(s => s.Result != ScenarioResults.NotRun))
        {
            _cases.WithLabels(ns, scenario.Name, "passed").Inc(scenario.Passed);
            _cases.WithLabels(ns, scenario.Name, "failed").Inc(scenario.Failed);
            _cases.WithLabels(ns, scenario.Name, "error").Inc(scenario.Errors);
            _cases.WithLabels(ns, scenario.Name, "skipped").Inc(scenario.Skipped);
            _scenarioDurations.WithLabels(scenario.Name).Observe(scenario.DurationMs / 1000.0);
        }
    }

    /// <summary>The scenario's result in the label's lower case; a failure that spec.quarantine excused is <c>quarantined</c>.</summary>
    private static string Outcome(ScenarioStatus scenario) => scenario switch
    {
        { Result: ScenarioResults.Failed, Quarantined: true } => "quarantined",
        { Result: ScenarioResults.NotRun } => "not_run",
        _ => scenario.Result.ToLowerInvariant(),
    };
}
