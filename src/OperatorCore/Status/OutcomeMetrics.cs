using Netra.Operator.Core.Api.V1Alpha1;
using Prometheus;

namespace Netra.Operator.Core.Status;

/// <summary>
/// What runs ended with, on /metrics, to alert on and chart: runs by phase and reason, cases by scenario and
/// result, run and scenario durations. Counted once, when the operator writes a run's final status.
/// </summary>
public sealed class OutcomeMetrics
{
    private readonly Counter _runs;
    private readonly Counter _cases;
    private readonly Histogram _runDurations;
    private readonly Histogram _scenarioDurations;

    public OutcomeMetrics(IMetricFactory factory)
    {
        _runs = factory.CreateCounter("netra_testruns_finished_total", "TestRuns finished, by phase and reason.", ["phase", "reason"]);
        _cases = factory.CreateCounter(
            "netra_testrun_cases_total", "Cases of finished TestRuns, by scenario and result.", ["scenario", "result"]);
        var buckets = Histogram.ExponentialBuckets(1, 2, 12);
        _runDurations = factory.CreateHistogram(
            "netra_testrun_duration_seconds", "Wall time of finished TestRuns.", new HistogramConfiguration { Buckets = buckets });
        _scenarioDurations = factory.CreateHistogram(
            "netra_testrun_scenario_duration_seconds", "Wall time of each scenario's last attempt.",
            new HistogramConfiguration { LabelNames = ["scenario"], Buckets = buckets });
    }

    public void Finished(TestRunStatus status)
    {
        _runs.WithLabels(status.Phase ?? "Unknown", status.Conditions.Find(ConditionTypes.Finished)?.Reason ?? "Unknown").Inc();
        if (status is { StartTime: { } started, CompletionTime: { } completed })
        {
            _runDurations.Observe((completed - started).TotalSeconds);
        }

        foreach (var scenario in status.Scenarios.Where(s => s.Result != ScenarioResults.NotRun))
        {
            _cases.WithLabels(scenario.Name, "passed").Inc(scenario.Passed);
            _cases.WithLabels(scenario.Name, "failed").Inc(scenario.Failed);
            _cases.WithLabels(scenario.Name, "skipped").Inc(scenario.Skipped);
            _scenarioDurations.WithLabels(scenario.Name).Observe(scenario.DurationMs / 1000.0);
        }
    }
}
