using System.Globalization;
using System.Xml.Linq;
using Netra.Probes.Contract;
using Netra.Probes.Model;

namespace Netra.Probes.Reporting;

/// <summary>
/// The <c>--junit</c> file in the JUnit XML dialect Jenkins, GitLab and GitHub read: one
/// <c>testsuite</c> per scenario, one <c>testcase</c> per case.
/// </summary>
public static class JUnitReport
{
    public static XDocument From(RunReport report)
    {
        var summary = report.Summary;
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "netra-probes"),
                new XAttribute("tests", summary.Total),
                new XAttribute("failures", summary.Failed),
                new XAttribute("errors", summary.Errors),
                new XAttribute("skipped", summary.Skipped),
                new XAttribute("time", Seconds(report.Duration)),
                report.Scenarios.Select(s => Suite(s, report.StartedAt))));
    }

    public static async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await From(report).SaveAsync(file, SaveOptions.None, cancellationToken);
    }

    private static XElement Suite(ScenarioResult scenario, DateTimeOffset startedAt)
    {
        var summary = scenario.Summary;
        return new XElement("testsuite",
            new XAttribute("name", scenario.Name),
            new XAttribute("tests", summary.Total),
            new XAttribute("failures", summary.Failed),
            new XAttribute("errors", summary.Errors),
            new XAttribute("skipped", summary.Skipped),
            new XAttribute("time", Seconds(scenario.Duration)),
            new XAttribute("timestamp", startedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            scenario.Cases.Select(TestCase));
    }

    private static XElement TestCase(CaseResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", result.Scenario),
            new XAttribute("name", result.Id),
            new XAttribute("time", Seconds(result.Duration)));
        var message = result.Message ?? string.Empty;
        switch (result.Outcome)
        {
            case CaseOutcome.Failed:
                element.Add(new XElement("failure", new XAttribute("message", message), result.Description));
                break;
            case CaseOutcome.Error:
                element.Add(new XElement("error", new XAttribute("message", message), result.Description));
                break;
            case CaseOutcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", message)));
                break;
        }

        return element;
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
