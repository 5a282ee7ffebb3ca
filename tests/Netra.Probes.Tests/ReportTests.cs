using System.Text;
using System.Text.Json;
using Netra.Probes.Clients;
using Netra.Probes.Contract;
using Netra.Probes.Model;
using Netra.Probes.Reporting;

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
            var suite = (System.Xml.XmlElement)document.SelectSingleNode("/testsuites/testsuite")!;
            Assert.Equal("1970-01-01T00:00:00", suite.GetAttribute("timestamp"));
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

    [Fact]
    public void The_termination_message_carries_why_a_run_was_aborted()
    {
        var report = ReportWith(0, 0) with { Aborted = "preflight failed: agent is unreachable" };

        Assert.Equal("preflight failed: agent is unreachable", TerminationMessage.Parse(TerminationMessageComposer.Compose(report))!.Aborted);
    }
}
