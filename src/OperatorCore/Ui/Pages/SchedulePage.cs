using System.Text;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Ui.Charts;

namespace Netra.Operator.Core.Ui.Pages;

/// <summary>
/// One schedule: its pass rate over its last runs (a chart), each scenario's outcomes over them (a strip), its flaky
/// scenarios, and each run with the trigger that started it.
/// </summary>
public static class SchedulePage
{
    /// <summary>The runs the charts and the table show, newest last.</summary>
    public const int Runs = 50;

    public static string Body(TestRunSchedule schedule, IReadOnlyList<TestRun> runs, DateTimeOffset now)
    {
        var status = schedule.Status ?? new TestRunScheduleStatus();
        var finished = runs.Where(Html.IsFinished)
            .OrderBy(run => run.Status!.CompletionTime)
            .ThenBy(run => run.Metadata.Name, StringComparer.Ordinal)
            .TakeLast(Runs)
            .ToList();
        var ready = status.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        var html = new StringBuilder();
        html.Append($"<p class=\"verdict\">{Html.Badge(ready?.Status == ConditionStatuses.True ? "Ready" : "NotReady")} ")
            .Append($"<strong>{Html.E(ready?.Reason)}</strong> {Html.E(ready?.Message)}</p>");
        html.Append(Regression(schedule.Metadata.NamespaceProperty, status.Regression));
        html.Append("<dl class=\"facts\">")
            .Append(Html.Fact("Namespace", Html.E(schedule.Metadata.NamespaceProperty)))
            .Append(Html.Fact("Cron", Html.E(schedule.Spec.Schedule)))
            .Append(Html.Fact("Pass rate", status.PassRate is { } rate ? $"{rate}% of the last {status.Results.Count} runs" : null))
            .Append(Html.Fact("Flaky scenarios", status.FlakyScenarios?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Html.Fact("Active runs", string.Join(", ", status.Active.Select(name => Html.RunLink(schedule.Metadata.NamespaceProperty, name)))))
            .Append(Html.Fact("Last trigger", Trigger(status.LastTrigger)))
            .Append("</dl>");
        html.Append($"<h2>Pass rate</h2>{PassRateChart.Svg([.. finished.Select(r => new ChartRun(r.Metadata.Name, r.Status!.Phase == Phases.Succeeded, r.Status.CompletionTime))])}");
        html.Append("<h2>Scenarios over time</h2>");
        html.Append(ScenarioStrip.Svg([.. finished.Select(r => new StripRun(
            r.Metadata.Name, r.Status!.Scenarios.ToDictionary(s => s.Name, s => s.Result, StringComparer.Ordinal)))]));
        html.Append(Flakiness(status));
        html.Append(RunTable(schedule.Metadata.NamespaceProperty, runs, now));
        return html.ToString();
    }

    /// <summary>Since which run and revision the schedule fails, and what changed since it last passed.</summary>
    private static string Regression(string ns, ScheduleRegression? regression)
    {
        if (regression is null)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section class=\"regression\"><h2>Failing since</h2><p>")
            .Append($"{Html.RunLink(ns, regression.Run)} (revision <code>{Html.E(regression.Revision)}</code>) failed first, ")
            .Append($"{Html.Time(regression.Since)}; the last run to pass was {Html.RunLink(ns, regression.LastPassingRun)} ")
            .Append($"(revision <code>{Html.E(regression.LastPassingRevision)}</code>).</p>");
        if (regression.Changes.Count > 0)
        {
            html.Append("<table class=\"changes\"><tr><th>What changed</th><th>Last passing</th><th>First failing</th></tr>");
            foreach (var change in regression.Changes)
            {
                html.Append($"<tr><td>{Html.E(change.What)}</td><td><code>{Html.E(change.From)}</code></td><td><code>{Html.E(change.To)}</code></td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</section>").ToString();
    }

    private static string Flakiness(TestRunScheduleStatus status)
    {
        if (status.Scenarios.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<h2>Flakiness</h2><table class=\"flakiness\"><tr><th>Scenario</th><th>Runs</th><th>Flips</th>"
            + "<th>Flip rate</th><th>Flaky</th></tr>");
        foreach (var scenario in status.Scenarios)
        {
            html.Append($"<tr><td>{Html.E(scenario.Name)}</td><td>{scenario.Runs}</td><td>{scenario.Flips}</td><td>{scenario.FlipRate}%</td>")
                .Append($"<td>{(scenario.Flaky ? Html.Badge(ScenarioResults.Flaky) : "no")}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string RunTable(string ns, IReadOnlyList<TestRun> runs, DateTimeOffset now)
    {
        var html = new StringBuilder("<h2>Runs</h2><table class=\"runs\"><tr><th>Run</th><th>Trigger</th><th>Verifies</th>"
            + "<th>Revision</th><th>Phase</th><th>Reason</th><th>Finished</th><th>Age</th></tr>");
        foreach (var run in runs.OrderByDescending(r => r.Metadata.CreationTimestamp).ThenBy(r => r.Metadata.Name, StringComparer.Ordinal).Take(Runs))
        {
            html.Append($"<tr class=\"run\"><td>{Html.RunLink(ns, run.Metadata.Name)}</td>")
                .Append($"<td>{Html.E(Html.Label(run, ScheduledRuns.TriggerLabel))}</td>")
                .Append($"<td>{Html.E(Html.Annotation(run, VerifiedWorkloads.RunAnnotation))}</td>")
                .Append($"<td>{Html.E(run.Status?.Tested?.Revision ?? run.Spec.Revision)}</td>")
                .Append($"<td>{Html.Badge(run.Status?.Phase ?? Phases.Pending)}</td><td>{Html.E(Html.Verdict(run.Status)?.Reason)}</td>")
                .Append($"<td>{Html.Time(run.Status?.CompletionTime)}</td><td>{Html.Age(run.Metadata.CreationTimestamp, now)}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string? Trigger(RunTrigger? trigger) => trigger is null
        ? null
        : $"{Html.E(trigger.Reason)} at {Html.Time(trigger.Time)}"
            + string.Concat(trigger.Workloads.Select(w => $" · {Html.E(w.Kind)} {Html.E(w.Namespace)}/{Html.E(w.Name)} revision {Html.E(w.Revision)}"));
}
