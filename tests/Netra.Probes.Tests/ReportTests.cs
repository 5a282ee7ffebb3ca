using System.Text;
using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Reporting;
using Netra.Probes.Scenarios;
using Netra.Probes.Tests.Surefire;

namespace Netra.Probes.Tests;

public sealed class ReportTests
{
    /// <summary>A scenario the operator knows: it keeps only known scenarios and their cases from a termination message.</summary>
    private const string Scenario = "thread-management";

    private static RunReport ReportWith(int passed, int failed, string failureMessage = "expected agent_completed, got error")
    {
        var cases = Enumerable.Range(0, passed)
            .Select(i => new CaseResult($"{Scenario}/pass-{i}", Scenario, "passes", CaseOutcome.Passed, TimeSpan.FromMilliseconds(3)))
            .Concat(Enumerable.Range(0, failed)
                .Select(i => new CaseResult($"{Scenario}/fail-{i}", Scenario, "fails", CaseOutcome.Failed, TimeSpan.FromMilliseconds(5), failureMessage)))
            .ToList();
        return new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), [new ScenarioResult(Scenario, cases, TimeSpan.FromMilliseconds(40))]);
    }

    [Theory]
    [InlineData(10, 0, 0, false)]
    [InlineData(5, 3, 3, false)]
    [InlineData(0, 200, -1, true)]
    public void The_termination_message_fits_in_4_KB_and_says_when_failures_were_left_out(int passed, int failed, int expectedFailuresListed, bool truncated)
    {
        var text = TerminationMessageComposer.Compose(ReportWith(passed, failed));

        Assert.True(Encoding.UTF8.GetByteCount(text) <= TerminationMessage.MaxBytes);
        var summary = TerminationMessage.Parse(text);
        Assert.NotNull(summary);
        Assert.Equal(new TerminationMessage.Counts(passed + failed, passed, failed, 0, 0), summary.Counts);
        Assert.Equal(truncated, summary.Truncated);
        if (expectedFailuresListed >= 0)
        {
            Assert.Equal(expectedFailuresListed, summary.Failures.Count);
        }
        else
        {
            Assert.InRange(summary.Failures.Count, 1, failed - 1);
        }
    }

    [Fact]
    public void Long_failure_messages_are_shortened_in_the_termination_message()
    {
        var summary = TerminationMessage.Parse(TerminationMessageComposer.Compose(ReportWith(0, 1, new string('x', 5000))));

        Assert.Equal(TerminationMessage.MaxMessageChars, summary!.Failures.Single().Message!.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Error: OOMKilled")]
    public void A_termination_message_that_is_not_ours_parses_to_nothing(string? text) =>
        Assert.Null(TerminationMessage.Parse(text));

    [Fact]
    public void The_json_report_is_snake_case_with_every_case()
    {
        var json = JsonSerializer.Serialize(JsonReport.From(ReportWith(2, 1)), ProbeJson.Options);
        using var document = JsonDocument.Parse(json);

        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("summary").GetProperty("total").GetInt32());
        var cases = root.GetProperty("scenarios")[0].GetProperty("cases");
        Assert.Equal(3, cases.GetArrayLength());
        Assert.Equal("failed", cases[2].GetProperty("result").GetString());
        Assert.Equal(5, cases[2].GetProperty("duration_ms").GetInt64());
        Assert.Equal("expected agent_completed, got error", cases[2].GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_junit_file_parses_and_every_case_has_what_ci_systems_render()
    {
        var cases = new List<CaseResult>
        {
            new("s/passes", "s", "passes", CaseOutcome.Passed, TimeSpan.FromMilliseconds(3)),
            new("s/fails", "s", "fails", CaseOutcome.Failed, TimeSpan.FromMilliseconds(5), "expected final_report, got error llm_unavailable: \"down\"\nsecond line"),
            new("s/breaks", "s", "breaks", CaseOutcome.Error, TimeSpan.FromMilliseconds(7), "timed out after 30 s"),
            new("s/skips", "s", "skips", CaseOutcome.Skipped, TimeSpan.Zero, "not in the safe profile: it injects faults into the agent"),
        };
        var report = new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), [new ScenarioResult("s", cases, TimeSpan.FromMilliseconds(40))]);
        var path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            await JUnitReport.WriteAsync(report, path, CancellationToken.None);

            Assert.Equal((byte)'<', File.ReadAllBytes(path)[0]);
            var document = new System.Xml.XmlDocument();
            document.Load(path);
            Assert.Equal("1970-01-01T00:00:00", document.DocumentElement!.GetAttribute("timestamp"));
            var suite = (System.Xml.XmlElement)document.SelectSingleNode("/testsuites/testsuite")!;
            var testcases = suite.SelectNodes("testcase")!.Cast<System.Xml.XmlElement>().ToList();
            Assert.Equal(["passes", "fails", "breaks", "skips"], testcases.Select(t => t.GetAttribute("name")));
            Assert.All(testcases, t =>
            {
                Assert.Equal("s", t.GetAttribute("classname"));
                Assert.True(double.TryParse(t.GetAttribute("time"), System.Globalization.CultureInfo.InvariantCulture, out _));
                Assert.NotNull(t.SelectSingleNode("system-out"));
            });
            var failure = (System.Xml.XmlElement)testcases[1].SelectSingleNode("failure")!;
            Assert.Equal("expectation_not_met", failure.GetAttribute("type"));
            Assert.Equal("expected final_report, got error llm_unavailable: \"down\" second line", failure.GetAttribute("message"));
            Assert.Contains("second line", failure.InnerText, StringComparison.Ordinal);
            var error = (System.Xml.XmlElement)testcases[2].SelectSingleNode("error")!;
            Assert.Equal("timeout", error.GetAttribute("type"));
            Assert.Equal("timed out after 30 s", error.GetAttribute("message"));
            Assert.Equal("not in the safe profile: it injects faults into the agent", ((System.Xml.XmlElement)testcases[3].SelectSingleNode("skipped")!).GetAttribute("message"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What a download serves (the operator's UI) is byte for byte what the --json and --junit files hold.</summary>
    [Fact]
    public async Task The_texts_of_the_json_and_junit_reports_are_their_files_bytes()
    {
        var report = ReportWith(2, 1, "expected <b>\"ok\"</b> & done, got é\nsecond line");
        var json = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        var junit = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            await JsonReport.WriteAsync(report, json, CancellationToken.None);
            await JUnitReport.WriteAsync(report, junit, CancellationToken.None);

            Assert.Equal(await File.ReadAllBytesAsync(json), Encoding.UTF8.GetBytes(JsonReport.Serialize(report)));
            Assert.Equal(await File.ReadAllBytesAsync(junit), Encoding.UTF8.GetBytes(JUnitReport.Text(report)));
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", JUnitReport.Text(report), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(json);
            File.Delete(junit);
        }
    }

    [Fact]
    public void The_termination_message_carries_why_a_run_was_aborted()
    {
        var report = ReportWith(0, 0) with { Aborted = "preflight failed: agent is unreachable" };

        Assert.Equal("preflight failed: agent is unreachable", TerminationMessage.Parse(TerminationMessageComposer.Compose(report))!.Aborted);
    }

    private static CaseResult Case(string name, CaseOutcome outcome, string? message = null, params CaseAttempt[] earlier) =>
        new($"s/{name}", "s", name, outcome, TimeSpan.FromMilliseconds(4), message, earlier.Length > 0 ? earlier : null);

    [Fact]
    public async Task Surefires_parser_counts_cases_not_run_as_errors_and_a_case_passed_on_retry_as_a_flake_and_its_schema_holds()
    {
        string[] evidence = ["-> GET http://auth/readyz", "<- 503 {\"status\":\"Unhealthy\"}"];
        var report = new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1),
        [
            new ScenarioResult("s",
            [
                Case("passes", CaseOutcome.Passed),
                Case("flaky", CaseOutcome.Passed, null, new CaseAttempt(1, CaseOutcome.Failed, TimeSpan.FromMilliseconds(9), "expected 200, got 503")),
                Case("fails-twice", CaseOutcome.Failed, "expected 200, got 500",
                    new CaseAttempt(1, CaseOutcome.Failed, TimeSpan.FromMilliseconds(9), "expected 200, got 502", evidence)) with
                {
                    Evidence = evidence,
                },
                Case("errs-then-passes", CaseOutcome.Passed, null, new CaseAttempt(1, CaseOutcome.Error, TimeSpan.FromSeconds(30), "timed out after 30 s")),
                Case("not-run", CaseOutcome.Error, NotRun.Message("preflight failed: agent is unreachable")),
                Case("skips", CaseOutcome.Skipped, "not in the safe profile: it injects faults into the agent"),
            ], TimeSpan.FromMilliseconds(40)),
        ]);
        var path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            await JUnitReport.WriteAsync(report, path, CancellationToken.None);

            var parsed = await SurefireReports.ParseAsync(path);

            Assert.Empty(SurefireReports.SchemaProblems(path));
            Assert.Equal("valid true", parsed[0]);
            Assert.Equal("suite s tests=6 failures=1 errors=1 skipped=1 flakes=2", parsed[1]);
            Assert.Equal(
            [
                "case passes passed",
                "case flaky passed",
                "case fails-twice failure type=expectation_not_met message=expected 200, got 500",
                "case errs-then-passes passed",
                "case not-run error type=not_run message=not run: preflight failed: agent is unreachable",
                "case skips skipped type=skipped message=not in the safe profile: it injects faults into the agent",
            ], parsed.Skip(2));
            var xml = System.Xml.Linq.XDocument.Load(path);
            var rerun = xml.Descendants("testcase").Single(t => (string?)t.Attribute("name") == "fails-twice").Element("rerunFailure")!;
            Assert.Equal("attempt 1: expected 200, got 502", (string?)rerun.Attribute("message"));
            Assert.Equal("expected 200, got 502", rerun.Element("stackTrace")!.Value);
            var flakyError = xml.Descendants("testcase").Single(t => (string?)t.Attribute("name") == "errs-then-passes").Element("flakyError")!;
            Assert.Equal("timeout", (string?)flakyError.Attribute("type"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Surefires_schema_finds_what_a_ci_system_would_refuse()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            File.WriteAllText(path, "<testsuites><testsuite name=\"s\" tests=\"1\" errors=\"0\" skipped=\"0\" failures=\"1\">"
                + "<testcase name=\"no-time\"><failure>why</failure></testcase></testsuite></testsuites>");

            var problems = SurefireReports.SchemaProblems(path);

            Assert.Contains(problems, p => p.Contains("'time'", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("'type'", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<CaseOutcome[], CaseOutcome, int> Attempts => new()
    {
        { [], CaseOutcome.Passed, 0 },
        { [CaseOutcome.Failed], CaseOutcome.Passed, 1 },
        { [CaseOutcome.Passed, CaseOutcome.Error], CaseOutcome.Failed, 1 },
        { [CaseOutcome.Failed, CaseOutcome.Failed], CaseOutcome.Failed, 2 },
        { [CaseOutcome.Skipped], CaseOutcome.Passed, 0 },
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Folding_attempts_keeps_the_last_outcome_and_every_earlier_failure_or_error(CaseOutcome[] earlier, CaseOutcome last, int kept)
    {
        var attempts = earlier.Select((outcome, i) => (i + 1, ScenarioOf(Case("c", outcome, $"attempt {i + 1}"))))
            .Append((earlier.Length + 1, ScenarioOf(Case("c", last, "last"))))
            .ToList();

        var folded = AttemptHistory.Fold(attempts)!.Cases.Single();

        Assert.Equal(last, folded.Outcome);
        Assert.Equal(kept, folded.EarlierAttempts?.Count ?? 0);
        Assert.All(folded.EarlierAttempts ?? [], a => Assert.Equal($"attempt {a.Attempt}", a.Message));
        Assert.Equal(kept > 0 && last == CaseOutcome.Passed, folded.Flaky);
    }

    private static ScenarioResult ScenarioOf(params CaseResult[] cases) => new("s", cases, TimeSpan.FromMilliseconds(10));

    [Fact]
    public void The_operators_results_with_retried_attempts_read_back_with_each_cases_earlier_failures()
    {
        var firstAttempt = JsonReport.From(new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.Zero,
            [ScenarioOf(Case("c", CaseOutcome.Failed, "expected 200, got 503"), Case("d", CaseOutcome.Passed))])).Scenarios.Single();
        var document = JsonReport.From(new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.Zero,
            [ScenarioOf(Case("c", CaseOutcome.Passed), Case("d", CaseOutcome.Passed))])) with
        {
            Retried = [new JsonReport.RetriedScenario(1, firstAttempt)],
        };

        var report = JsonReport.Parse(JsonSerializer.Serialize(document, ProbeJson.Options), "results");
        var again = JsonReport.Parse(JsonReport.Serialize(report), "--json");

        var flaky = again.Scenarios.Single().Cases[0];
        Assert.True(flaky.Flaky);
        Assert.Equal(new CaseAttempt(1, CaseOutcome.Failed, TimeSpan.FromMilliseconds(4), "expected 200, got 503"), flaky.EarlierAttempts!.Single());
        Assert.Null(again.Scenarios.Single().Cases[1].EarlierAttempts);
    }

    [Fact]
    public void A_flaky_case_of_the_operators_results_passes_in_junit_with_its_earlier_failure_as_a_flakyFailure()
    {
        var firstAttempt = JsonReport.From(new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.Zero,
            [ScenarioOf(Case("c", CaseOutcome.Failed, "expected 200, got 503"))])).Scenarios.Single();
        var document = JsonReport.From(new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.Zero, [ScenarioOf(Case("c", CaseOutcome.Passed))]))
            with { Retried = [new JsonReport.RetriedScenario(1, firstAttempt)] };
        var report = JsonReport.Parse(JsonSerializer.Serialize(document, ProbeJson.Options), "results");

        var xml = System.Xml.Linq.XDocument.Parse(JUnitReport.From(report).ToString());

        var suite = xml.Root!.Elements("testsuite").Single();
        var testCase = suite.Elements("testcase").Single();
        Assert.Equal(("0", "0"), ((string?)suite.Attribute("failures"), (string?)suite.Attribute("errors")));
        Assert.Empty(testCase.Elements("failure"));
        Assert.Equal("attempt 1: expected 200, got 503", (string?)testCase.Elements("flakyFailure").Single().Attribute("message"));
        Assert.Equal("expected 200, got 503", testCase.Element("flakyFailure")!.Element("stackTrace")!.Value);
    }

    [Fact]
    public void A_scenario_that_never_ran_lists_every_case_as_an_error_saying_why()
    {
        var scenario = NotRun.Scenario(Scenario, "stopped by SIGINT");

        Assert.Equal(ScenarioCatalog.All.Single(s => s.Name == Scenario).Cases.Count, scenario.Cases.Count);
        Assert.All(scenario.Cases, c =>
        {
            Assert.Equal(CaseOutcome.Error, c.Outcome);
            Assert.Equal("not run: stopped by SIGINT", c.Message);
        });
        Assert.Equal(scenario.Cases.Count, scenario.Summary.Errors);
    }

    [Fact]
    public void A_report_too_large_for_the_termination_message_reaches_the_log_whole()
    {
        var report = ReportWith(0, 30, new string('x', 1000) + " expected 200, got 503");
        var json = JsonReport.Serialize(report);
        var summary = TerminationMessage.Parse(TerminationMessageComposer.Compose(report))!;
        var log = $"FAIL {Scenario}/fail-0\n{ReportLine.Compose(json)}\n";

        Assert.Null(summary.Report);
        Assert.True(summary.Truncated);
        Assert.Equal(json, ReportLine.Find(log));
        Assert.Equal(30, JsonReport.Parse(ReportLine.Find(log)!, "log").Summary.Failed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no report line here")]
    [InlineData("netra-probes-report: not-base64!")]
    public void A_log_without_a_whole_report_line_gives_no_report(string log) => Assert.Null(ReportLine.Find(log));

    [Fact]
    public void A_packed_report_that_unpacks_past_its_bound_is_refused()
    {
        var huge = PackedReport.Pack(new string(' ', PackedReport.MaxJsonBytes + 1));

        Assert.True(huge.Length < 10_000);
        Assert.Null(PackedReport.Unpack(huge));
    }
}
