using System.Text;
using Netra.Probes.Contract;
using Netra.Probes.Report;

namespace Netra.Operator.Core.Ui.Pages;

/// <summary>
/// Every case of a run's report, scenario by scenario: its outcome, time, attempts and message, and for a case that
/// failed or broke (now or on an earlier attempt) its evidence, folded (a <c>details</c> element: no script needed).
/// </summary>
public static class CasesSection
{
    public static string Body(RunReport report)
    {
        var html = new StringBuilder("<h2>Cases</h2>");
        if (report.Aborted is { } aborted)
        {
            html.Append($"<p class=\"error\">The run ended early: {Html.E(aborted)}</p>");
        }

        foreach (var scenario in report.Scenarios)
        {
            html.Append($"<h3 id=\"cases-{Html.E(scenario.Name)}\">{Html.E(scenario.Name)}</h3>")
                .Append("<table class=\"cases\"><tr><th>Case</th><th>Outcome</th><th>Duration</th><th>Attempts</th><th>What happened</th></tr>");
            foreach (var @case in scenario.Cases)
            {
                html.Append(Row(@case));
            }

            html.Append("</table>");
        }

        return html.ToString();
    }

    private static string Row(CaseResult @case)
    {
        var earlier = @case.EarlierAttempts ?? [];
        var outcome = @case.Flaky ? "Flaky" : @case.Outcome.ToString();
        var row = new StringBuilder($"<tr class=\"case {outcome.ToLowerInvariant()}\" id=\"case-{Html.E(@case.Id)}\">")
            .Append($"<td><code>{Html.E(@case.Id)}</code><br>{Html.E(@case.Description)}</td>")
            .Append($"<td>{Html.Badge(outcome)}</td><td>{Html.Milliseconds((long)@case.Duration.TotalMilliseconds)}</td>")
            .Append($"<td>{earlier.Count + 1}</td><td>{Html.E(@case.Message)}");
        row.Append(Evidence("Evidence", @case.Evidence));
        foreach (var attempt in earlier)
        {
            row.Append($"<p class=\"attempt\">Attempt {attempt.Attempt}: {Html.E(attempt.Outcome.ToString())} "
                + $"after {Html.Milliseconds((long)attempt.Duration.TotalMilliseconds)}: {Html.E(attempt.Message)}</p>");
            row.Append(Evidence($"Evidence of attempt {attempt.Attempt}", attempt.Evidence));
        }

        return row.Append("</td></tr>").ToString();
    }

    private static string Evidence(string title, IReadOnlyList<string>? lines) => lines is { Count: > 0 }
        ? $"<details class=\"evidence\"><summary>{title} ({lines.Count} lines)</summary><pre>{Html.E(string.Join('\n', lines))}</pre></details>"
        : string.Empty;
}
