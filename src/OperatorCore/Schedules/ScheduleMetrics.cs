using Netra.Operator.Core.Api.V1Alpha1;
using Prometheus;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// What schedules do, on /metrics: runs started by trigger, verdicts by phase, each schedule's pass rate and flaky scenarios.
/// </summary>
public sealed class ScheduleMetrics(IMetricFactory factory)
{
    private readonly Counter _started = factory.CreateCounter(
        "netra_testrunschedule_runs_started_total", "TestRuns started by schedules, by trigger (Schedule, Rollout).", ["trigger"]);

    private readonly Counter _verdicts = factory.CreateCounter(
        "netra_testrunschedule_verdicts_total", "Scheduled TestRuns finished, by phase.", ["phase"]);

    private readonly Gauge _passRate = factory.CreateGauge(
        "netra_testrunschedule_pass_rate_percent", "Percent of a schedule's latest runs that succeeded.", ["namespace", "schedule"]);

    private readonly Gauge _flaky = factory.CreateGauge(
        "netra_testrunschedule_flaky_scenarios",
        "Scenarios of a schedule's latest runs that passed, failed, then passed.",
        ["namespace", "schedule"]);

    public void Started(RunTrigger trigger) => _started.WithLabels(trigger.Reason).Inc();

    public void Finished(TestRunSchedule schedule, ScheduledRunResult result, TestRunScheduleStatus status)
    {
        _verdicts.WithLabels(result.Phase).Inc();
        var labels = new[] { schedule.Metadata.NamespaceProperty, schedule.Metadata.Name };
        _passRate.WithLabels(labels).Set(status.PassRate ?? 0);
        _flaky.WithLabels(labels).Set(status.FlakyScenarios ?? 0);
    }
}
