using Netra.Operator.Core.Api.V1Alpha1;
using Prometheus;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// What schedules do, on /metrics: runs started by trigger, verdicts by phase, each schedule's pass rate and flaky scenarios.
/// </summary>
public sealed class ScheduleMetrics(IMetricFactory factory)
{
    private readonly Counter _started = factory.CreateCounter(
        "netra_testrunschedule_runs_started_total",
        "TestRuns started by schedules, by namespace, schedule and trigger (Schedule, Rollout).",
        ["namespace", "schedule", "trigger"]);

    private readonly Counter _verdicts = factory.CreateCounter(
        "netra_testrunschedule_verdicts_total", "Scheduled TestRuns finished, by namespace, schedule and phase.", ["namespace", "schedule", "phase"]);

    private readonly Gauge _passRatio = factory.CreateGauge(
        "netra_testrunschedule_pass_ratio", "Share of a schedule's latest runs that succeeded, 0 to 1.", ["namespace", "schedule"]);

    private readonly Gauge _flaky = factory.CreateGauge(
        "netra_testrunschedule_flaky_scenarios",
        "Scenarios of a schedule's latest runs that passed, failed, then passed.",
        ["namespace", "schedule"]);

    public void Started(TestRunSchedule schedule, RunTrigger trigger) =>
        _started.WithLabels(schedule.Metadata.NamespaceProperty, schedule.Metadata.Name, trigger.Reason).Inc();

    public void Finished(TestRunSchedule schedule, ScheduledRunResult result, TestRunScheduleStatus status)
    {
        var labels = new[] { schedule.Metadata.NamespaceProperty, schedule.Metadata.Name };
        _verdicts.WithLabels([.. labels, result.Phase]).Inc();
        _passRatio.WithLabels(labels).Set((status.PassRate ?? 0) / 100.0);
        _flaky.WithLabels(labels).Set(status.FlakyScenarios ?? 0);
    }
}
