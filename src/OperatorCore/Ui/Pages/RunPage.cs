using System.Text;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Ui.Pages;

/// <summary>
/// One run: its verdict, what it ran against, each scenario with its attempts and failures, every case of its report
/// with its evidence (when the run kept one), the downloads, and its earlier runs.
/// </summary>
public static class RunPage
{
    public static string Body(TestRun run, string? cases)
    {
        var ns = run.Metadata.NamespaceProperty;
        var status = run.Status ?? new TestRunStatus();
        var verdict = Html.Verdict(status);
        var html = new StringBuilder();
        html.Append($"<p class=\"verdict {Html.E((status.Phase ?? Phases.Pending).ToLowerInvariant())}\">{Html.Badge(status.Phase ?? Phases.Pending)} ")
            .Append($"<strong>{Html.E(verdict?.Reason)}</strong> {Html.E(verdict?.Message)}</p>");
        html.Append("<dl class=\"facts\">")
            .Append(Html.Fact("Namespace", Html.E(ns)))
            .Append(RunsQuery.ScheduleOf(run) is { } schedule ? Html.Fact("Schedule", Html.ScheduleLink(ns, schedule)) : string.Empty)
            .Append(Html.Fact("Trigger", Html.E(Html.Label(run, ScheduledRuns.TriggerLabel))))
            .Append(Html.Fact("Verifies", Html.E(Html.Annotation(run, VerifiedWorkloads.RunAnnotation))))
            .Append(Html.Fact("Revision", Html.E(run.Spec.Revision)))
            .Append(Html.Fact("Run", status.Run?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Html.Fact("Started", Html.Time(status.StartTime)))
            .Append(Html.Fact("Finished", Html.Time(status.CompletionTime)))
            .Append(Html.Fact("Duration", Html.E(status.Duration)))
            .Append(Html.Fact("Mode", Html.E(run.Spec.Environment.Mode ?? EnvironmentModes.Ephemeral)))
            .Append(Html.Fact("Environment", Html.E(status.Environment?.Namespace)))
            .Append(Html.Fact("Deploy state", Html.E(status.Environment?.DeployState)))
            .Append("</dl>");
        if (Html.IsFinished(run))
        {
            var path = Html.RunPath(ns, run.Metadata.Name);
            html.Append($"<p class=\"downloads\">Download: <a href=\"{path}/junit.xml\" download>JUnit XML</a> · "
                + $"<a href=\"{path}/report.json\" download>JSON report</a></p>");
        }

        html.Append(TestedSection.Body(status.Tested));
        html.Append(Scenarios(status));
        html.Append(cases ?? string.Empty);
        html.Append(History(status));
        return html.ToString();
    }

    private static string Scenarios(TestRunStatus status)
    {
        if (status.Scenarios.Count == 0)
        {
            return "<p>No scenario has finished yet.</p>";
        }

        var html = new StringBuilder("<h2>Scenarios</h2><table class=\"scenarios\"><tr><th>Scenario</th><th>Result</th><th>Attempts</th>"
            + "<th>Passed</th><th>Failed</th><th>Errors</th><th>Skipped</th><th>Duration</th></tr>");
        foreach (var scenario in status.Scenarios)
        {
            var quarantined = scenario.Quarantined == true ? " <span class=\"quarantined\">quarantined</span>" : string.Empty;
            html.Append($"<tr class=\"scenario\" id=\"scenario-{Html.E(scenario.Name)}\"><td>{Html.E(scenario.Name)}</td>")
                .Append($"<td>{Html.Badge(scenario.Result)}{quarantined}</td><td>{scenario.Attempts}</td><td>{scenario.Passed}</td>")
                .Append($"<td>{scenario.Failed}</td><td>{scenario.Errors}</td><td>{scenario.Skipped}</td>")
                .Append($"<td>{Html.Milliseconds(scenario.DurationMs)}</td></tr>");
            foreach (var failure in scenario.Failures)
            {
                html.Append($"<tr class=\"failure\"><td colspan=\"8\"><code>{Html.E(failure.Id)}</code> {Html.E(failure.Message)}</td></tr>");
            }
        }

        return html.Append("</table>").ToString();
    }

    private static string History(TestRunStatus status)
    {
        if (status.History.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<h2>Earlier runs</h2><table class=\"history\"><tr><th>Run</th><th>Phase</th><th>Reason</th>"
            + "<th>Passed</th><th>Failed</th><th>Finished</th></tr>");
        foreach (var record in status.History)
        {
            html.Append($"<tr><td>{record.Run}</td><td>{Html.Badge(record.Phase)}</td><td>{Html.E(record.Reason)}</td>")
                .Append($"<td>{record.Summary?.Passed}</td><td>{record.Summary?.Failed}</td><td>{Html.Time(record.CompletionTime)}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }
}
