using System.Text;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Ui.Pages;

/// <summary>
/// Every run the viewer may read, newest first, filtered by namespace, schedule, phase and reason, a page at a time;
/// above them, the schedules with their pass rates.
/// </summary>
public static class RunsPage
{
    public static readonly string[] Phases =
        [Api.V1Alpha1.Phases.Pending, Api.V1Alpha1.Phases.Deploying, Api.V1Alpha1.Phases.Probing, Api.V1Alpha1.Phases.Succeeded,
            Api.V1Alpha1.Phases.Failed];

    public static string Body(
        RunsQuery query, IReadOnlyList<TestRun> matching, IReadOnlyList<TestRunSchedule> schedules, IReadOnlySet<string> namespaces,
        IReadOnlyList<string> reasons, int perPage, DateTimeOffset now)
    {
        var html = new StringBuilder();
        if (schedules.Count > 0)
        {
            html.Append("<h2>Schedules</h2><table class=\"schedules\"><tr><th>Schedule</th><th>Namespace</th><th>Pass rate</th>"
                + "<th>Flaky scenarios</th><th>Active</th></tr>");
            foreach (var schedule in schedules)
            {
                var status = schedule.Status;
                html.Append($"<tr><td>{Html.ScheduleLink(schedule.Metadata.NamespaceProperty, schedule.Metadata.Name)}</td>"
                    + $"<td>{Html.E(schedule.Metadata.NamespaceProperty)}</td><td>{(status?.PassRate is { } rate ? $"{rate}%" : "")}</td>"
                    + $"<td>{status?.FlakyScenarios}</td><td>{status?.ActiveCount}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Runs</h2>").Append(Filters(query, namespaces, reasons));
        var pages = Math.Max(1, (matching.Count + perPage - 1) / perPage);
        var page = Math.Clamp(query.Page, 1, pages);
        html.Append($"<p class=\"count\">{matching.Count} runs</p>");
        html.Append("<table class=\"runs\"><tr><th>Run</th><th>Namespace</th><th>Schedule</th><th>Phase</th><th>Reason</th>"
            + "<th>Scenarios</th><th>Duration</th><th>Revision</th><th>Age</th></tr>");
        foreach (var run in matching.Skip((page - 1) * perPage).Take(perPage))
        {
            html.Append(Row(run, now));
        }

        html.Append("</table>");
        if (pages > 1)
        {
            html.Append("<p class=\"pages\">");
            html.Append(page > 1 ? $"<a rel=\"prev\" href=\"{Html.E(query.Link(page - 1))}\">Newer</a>" : string.Empty);
            html.Append($"<span>Page {page} of {pages}</span> ");
            html.Append(page < pages ? $"<a rel=\"next\" href=\"{Html.E(query.Link(page + 1))}\">Older</a>" : string.Empty);
            html.Append("</p>");
        }

        return html.ToString();
    }

    private static string Row(TestRun run, DateTimeOffset now)
    {
        var ns = run.Metadata.NamespaceProperty;
        var schedule = RunsQuery.ScheduleOf(run);
        var status = run.Status;
        var scenarios = status?.Scenarios ?? [];
        var passed = scenarios.Count(s => s.Result is ScenarioResults.Passed or ScenarioResults.Flaky);
        return $"<tr class=\"run\"><td>{Html.RunLink(ns, run.Metadata.Name)}</td><td>{Html.E(ns)}</td>"
            + $"<td>{(schedule is null ? "" : Html.ScheduleLink(ns, schedule))}</td>"
            + $"<td>{Html.Badge(status?.Phase ?? Api.V1Alpha1.Phases.Pending)}</td><td>{Html.E(Html.Verdict(status)?.Reason)}</td>"
            + $"<td>{(scenarios.Count > 0 ? $"{passed}/{scenarios.Count} passed" : "")}</td><td>{Html.E(status?.Duration)}</td>"
            + $"<td>{Html.E(status?.Tested?.Revision ?? run.Spec.Revision)}</td><td>{Html.Age(run.Metadata.CreationTimestamp, now)}</td></tr>";
    }

    private static string Filters(RunsQuery query, IReadOnlySet<string> namespaces, IReadOnlyList<string> reasons) =>
        "<form class=\"filters\" method=\"get\" action=\"/runs\">"
        + Select("namespace", "Namespace", namespaces.Order(StringComparer.Ordinal), query.Namespace)
        + $"<label>Schedule<input name=\"schedule\" value=\"{Html.E(query.Schedule)}\"></label>"
        + Select("phase", "Phase", Phases, query.Phase)
        + Select("reason", "Reason", reasons, query.Reason)
        + "<button>Filter</button></form>";

    private static string Select(string name, string label, IEnumerable<string> options, string? chosen) =>
        $"<label>{label}<select name=\"{name}\"><option value=\"\">any</option>"
        + string.Concat(options.Select(o => $"<option{(o == chosen ? " selected" : "")}>{Html.E(o)}</option>"))
        + "</select></label>";
}
