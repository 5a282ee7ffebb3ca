using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Netra.Probes.Contract;

namespace Netra.Probes.Report;

/// <summary>
/// The <c>--junit</c> file in the JUnit XML dialect Jenkins, GitLab and GitHub render: one <c>testsuite</c>
/// per scenario, one <c>testcase</c> per case named without its scenario (the scenario is its class name),
/// failures and errors with a <c>type</c>, a one-line <c>message</c> and the whole detail in the body, what
/// the case checks in <c>system-out</c>, followed by its evidence (its last exchanges with the services) when it did not pass. UTF-8 without a byte order mark. Each suite follows Surefire's report schema
/// (<c>surefire-test-report-3.0.xsd</c>): a case that did not run because the run ended first is an <c>error</c>, and
/// the failed attempts of a retried case are kept as Surefire keeps reruns: <c>flakyFailure</c>/<c>flakyError</c>
/// when it passed in the end, <c>rerunFailure</c>/<c>rerunError</c> when it did not.
/// </summary>
public static class JUnitReport
{
    private const int MaxMessageChars = 240;

    public static XDocument From(RunReport report)
    {
        var summary = report.Summary;
        var root = new XElement("testsuites",
            new XAttribute("name", "netra-probes"),
            new XAttribute("tests", summary.Total),
            new XAttribute("failures", summary.Failed),
            new XAttribute("errors", summary.Errors),
            new XAttribute("skipped", summary.Skipped),
            new XAttribute("time", Seconds(report.Duration)),
            new XAttribute("timestamp", Timestamp(report.StartedAt)),
            report.Scenarios.Select(Suite));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public static async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await WriteAsync(report, file, cancellationToken);
    }

    /// <summary>The file's bytes written to <paramref name="stream"/>, which is left open.</summary>
    public static async Task WriteAsync(RunReport report, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = XmlWriter.Create(stream, Settings(async: true));
        await From(report).SaveAsync(writer, cancellationToken);
    }

    /// <summary>The file's text: what <see cref="WriteAsync(RunReport, string, CancellationToken)"/> writes, as a string.</summary>
    public static string Text(RunReport report)
    {
        using var bytes = new MemoryStream();
        using (var writer = XmlWriter.Create(bytes, Settings(async: false)))
        {
            From(report).Save(writer);
        }

        return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static XmlWriterSettings Settings(bool async) => new()
    {
        Async = async,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
    };

    private static XElement Suite(ScenarioResult scenario)
    {
        var summary = scenario.Summary;
        return new XElement("testsuite",
            new XAttribute("name", scenario.Name),
            new XAttribute("tests", summary.Total),
            new XAttribute("failures", summary.Failed),
            new XAttribute("errors", summary.Errors),
            new XAttribute("skipped", summary.Skipped),
            new XAttribute("time", Seconds(scenario.Duration)),
            scenario.Cases.Select(TestCase));
    }

    private static XElement TestCase(CaseResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", result.Scenario),
            new XAttribute("name", ShortName(result)),
            new XAttribute("time", Seconds(result.Duration)));
        var message = result.Message ?? string.Empty;
        var earlier = result.EarlierAttempts ?? [];
        // Surefire's order: failure, rerunFailure, flakyFailure, skipped, error, rerunError, flakyError, system-out.
        var prefix = result.Outcome == CaseOutcome.Passed ? "flaky" : "rerun";
        if (result.Outcome == CaseOutcome.Failed)
        {
            element.Add(Problem("failure", message));
        }

        element.Add(earlier.Where(a => a.Outcome == CaseOutcome.Failed).Select(a => Rerun(prefix + "Failure", a)));
        if (result.Outcome == CaseOutcome.Skipped)
        {
            element.Add(new XElement("skipped", new XAttribute("message", OneLine(message))));
        }

        if (result.Outcome == CaseOutcome.Error)
        {
            element.Add(Problem("error", message));
        }

        element.Add(earlier.Where(a => a.Outcome == CaseOutcome.Error).Select(a => Rerun(prefix + "Error", a)));
        element.Add(new XElement("system-out", WithEvidence($"{result.Id}: {result.Description}", result.Evidence)));
        return element;
    }

    private static XElement Problem(string name, string message) =>
        new(name, new XAttribute("type", TypeOf(name, message)), new XAttribute("message", OneLine(message)), message);

    /// <summary>An earlier attempt: Surefire wants its detail in <c>stackTrace</c>, which here is the message.</summary>
    private static XElement Rerun(string name, CaseAttempt attempt)
    {
        var message = attempt.Message ?? string.Empty;
        var kind = attempt.Outcome == CaseOutcome.Failed ? "failure" : "error";
        return new XElement(name,
            new XAttribute("type", TypeOf(kind, message)),
            new XAttribute("message", OneLine($"attempt {attempt.Attempt}: {message}")),
            new XElement("stackTrace", message),
            new XElement("system-out", WithEvidence($"attempt {attempt.Attempt}, {Seconds(attempt.Duration)} s", attempt.Evidence)));
    }

    private static string WithEvidence(string first, IReadOnlyList<string>? evidence) =>
        evidence is { Count: > 0 } ? string.Join('\n', [first, "evidence:", .. evidence.Select(e => "  " + e)]) : first;

    private static string TypeOf(string kind, string message) => kind switch
    {
        "failure" => "expectation_not_met",
        _ when message.StartsWith("timed out", StringComparison.Ordinal) => "timeout",
        _ when message.StartsWith(NotRun.Prefix, StringComparison.Ordinal) => "not_run",
        _ => "error",
    };

    /// <summary>The case id without its scenario, which is already the class name.</summary>
    private static string ShortName(CaseResult result) =>
        result.Id.StartsWith(result.Scenario + "/", StringComparison.Ordinal) ? result.Id[(result.Scenario.Length + 1)..] : result.Id;

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length <= MaxMessageChars ? line : string.Concat(line.AsSpan(0, MaxMessageChars - 1), "…");
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
