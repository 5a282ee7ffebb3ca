using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Netra.Probes.Contract;
using Netra.Probes.Evidence;
using Netra.Probes.Report;
using Netra.Probes.Reporting;
using Netra.Probes.Tests.Surefire;
using Spectre.Console;

namespace Netra.Probes.Tests;

/// <summary>A case's evidence: no secret in it, bounded, and carried by every report but the termination message.</summary>
public sealed class EvidenceTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSIsImF1ZCI6Im5ldHJhLWJhY2tlbmQifQ.c2lnbmF0dXJlLWJ5dGVz";

    private static readonly string[] Failed =
    [
        "-> POST http://auth:8081/v1/auth/refresh {\"refresh_token\":\"<redacted>\"}",
        "<- 401 {\"error\":\"invalid_token\",\"error_description\":\"the refresh token was revoked\"}",
    ];

    private static readonly string[] FailedBefore = ["-> ws user_message {\"content\":\"hello\"}", "<- ws error {\"code\":\"llm_unavailable\"}"];

    public static TheoryData<string, string> Redactions => new()
    {
        { $"<- 200 {{\"access_token\":\"{Jwt}\",\"refresh_token\":\"r-7f3a\",\"expires_in\":900}}",
            "<- 200 {\"access_token\":\"<redacted>\",\"refresh_token\":\"<redacted>\",\"expires_in\":900}" },
        { "-> POST http://auth/v1/auth/login {\"username\":\"alice\",\"password\":\"s3cret!\"}",
            "-> POST http://auth/v1/auth/login {\"username\":\"alice\",\"password\":\"<redacted>\"}" },
        { "{\"grant_type\":\"client_credentials\",\"client_id\":\"netra-probes\",\"client_secret\":\"abc\",\"audience\":\"netra-agent\"}",
            "{\"grant_type\":\"client_credentials\",\"client_id\":\"netra-probes\",\"client_secret\":\"<redacted>\",\"audience\":\"netra-agent\"}" },
        { $"-> ws auth_refresh {{\"access_token\":\"{Jwt}\"}}", "-> ws auth_refresh {\"access_token\":\"<redacted>\"}" },
        { "<- ws error {\"code\":\"AUTH_EXPIRED\",\"message\":\"the token expired\"}",
            "<- ws error {\"code\":\"AUTH_EXPIRED\",\"message\":\"the token expired\"}" },
        { $"the upgrade with Bearer {Jwt} was refused", "the upgrade with Bearer <redacted> was refused" },
        { "unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9. refused", "unsigned <redacted> refused" },
        { "a JWT cut short: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOi", "a JWT cut short: <redacted>" },
        { "{\"refresh_token\":\"abcdef-cut-off-here", "{\"refresh_token\":\"<redacted>\"" },
        { "-> GET http://x/cb?code=1&access_token=abc&state=2", "-> GET http://x/cb?code=1&access_token=<redacted>&state=2" },
        { "grant_type=password&username=alice&password=hunter2", "grant_type=password&username=alice&password=<redacted>" },
        { "{\"Password\" : \"x\"}", "{\"Password\":\"<redacted>\"}" },
        { "{\"tokens\":{\"access\":\"a\",\"refresh\":\"b\"},\"ok\":true}", "{\"tokens\":\"<redacted>\",\"ok\":true}" },
        { "{\"token\": 12345, \"active\": true}", "{\"token\":\"<redacted>\", \"active\": true}" },
        { "{\"password\":\"a\\\"b\",\"x\":1}", "{\"password\":\"<redacted>\",\"x\":1}" },
        { "{\"secrets\":[\"a\",\"b\"]}", "{\"secrets\":\"<redacted>\"}" },
        { "<- 200 {\"active\":true,\"sub\":\"alice\",\"aud\":\"netra-backend\"}", "<- 200 {\"active\":true,\"sub\":\"alice\",\"aud\":\"netra-backend\"}" },
    };

    [Theory]
    [MemberData(nameof(Redactions))]
    public void No_token_password_or_secret_survives_redaction(string text, string redacted) =>
        Assert.Equal(redacted, SecretRedaction.Redact(text));

    [Fact]
    public void A_huge_body_is_cut_to_one_entry_after_redaction_so_no_token_is_cut_in_half()
    {
        var transcript = new CaseTranscript();
        var body = "<- 200 {\"note\":\"" + new string('x', 280) + "\",\"access_token\":\"" + Jwt + "\",\"rest\":\""
            + new string('y', 5_000_000) + "\"}";

        transcript.Add(body);
        transcript.Add("line one\r\nline two\tand a tab");

        var evidence = transcript.Evidence()!;
        Assert.Equal(EvidenceLimits.MaxEntryChars, evidence[0].Length);
        Assert.EndsWith("…", evidence[0], StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", evidence[0], StringComparison.Ordinal);
        Assert.Equal("line one line two and a tab", evidence[1]);
    }

    [Fact]
    public void A_transcript_keeps_its_last_entries_oldest_first_within_its_bytes()
    {
        var transcript = new CaseTranscript();
        Assert.Null(transcript.Evidence());
        foreach (var i in Enumerable.Range(1, 20))
        {
            transcript.Add($"-> GET http://agent/v1/runs/{i}");
        }

        Assert.Equal(Enumerable.Range(13, 8).Select(i => $"-> GET http://agent/v1/runs/{i}"), transcript.Evidence());

        foreach (var i in Enumerable.Range(1, 8))
        {
            transcript.Add($"{i} " + new string('é', 400));
        }

        var wide = transcript.Evidence()!;
        Assert.InRange(wide.Sum(e => Encoding.UTF8.GetByteCount(e)), 1, EvidenceLimits.MaxBytesPerCase);
        Assert.Equal(["6", "7", "8"], wide.Select(e => e.Split(' ')[0]));
    }

    private static RunReport Report() => new(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2),
    [
        new ScenarioResult("s",
        [
            new CaseResult("s/refresh", "s", "refresh works", CaseOutcome.Failed, TimeSpan.FromMilliseconds(12),
                "expected refresh to answer 200, got 401", Evidence: Failed),
            new CaseResult("s/flaky", "s", "a run ends", CaseOutcome.Passed, TimeSpan.FromMilliseconds(30), null,
                [new CaseAttempt(1, CaseOutcome.Failed, TimeSpan.FromMilliseconds(9), "expected final_report, got error", FailedBefore)]),
            new CaseResult("s/passes", "s", "it passes", CaseOutcome.Passed, TimeSpan.FromMilliseconds(3)),
        ], TimeSpan.FromSeconds(1)),
    ]);

    [Fact]
    public void The_json_report_carries_evidence_on_failed_cases_and_earlier_attempts_and_reads_it_back()
    {
        var json = JsonReport.Serialize(Report());

        var cases = JsonDocument.Parse(json).RootElement.GetProperty("scenarios")[0].GetProperty("cases");
        Assert.Equal(Failed, cases[0].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(FailedBefore, cases[1].GetProperty("earlier_attempts")[0].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.False(cases[2].TryGetProperty("evidence", out _));

        var read = JsonReport.Parse(json, "report.json").Scenarios.Single().Cases;
        Assert.Equal(Failed, read[0].Evidence);
        Assert.Equal(FailedBefore, read[1].EarlierAttempts!.Single().Evidence);
        Assert.Null(read[2].Evidence);
    }

    [Fact]
    public void The_operators_retried_attempts_bring_their_evidence_into_each_cases_earlier_attempts()
    {
        var last = JsonReport.From(Report()).Scenarios.Single();
        var first = last with
        {
            Cases = [last.Cases[1] with { Result = CaseOutcome.Failed, Message = "expected final_report, got error", Evidence = FailedBefore }],
        };
        var kept = JsonReport.From(Report()) with { Retried = [new JsonReport.RetriedScenario(1, first)] };

        var flaky = JsonReport.Parse(JsonSerializer.Serialize(kept, Clients.ProbeJson.Options), "results").Scenarios.Single().Cases[1];

        Assert.True(flaky.Flaky);
        Assert.Equal(FailedBefore, flaky.EarlierAttempts![0].Evidence);
    }

    [Fact]
    public void The_termination_message_packs_the_report_without_its_evidence_which_only_the_log_carries()
    {
        var message = TerminationMessageComposer.Compose(Report());

        Assert.True(TerminationMessage.Parse(message)!.EvidenceInLog);
        var packed = PackedReport.Unpack(TerminationMessage.Parse(message)!.Report)!;
        var cases = JsonReport.Parse(packed, "termination message").Scenarios.Single().Cases;
        Assert.Equal(("expected refresh to answer 200, got 401", (IReadOnlyList<string>?)null), (cases[0].Message, cases[0].Evidence));
        Assert.Null(cases[1].EarlierAttempts!.Single().Evidence);
        Assert.DoesNotContain("evidence", packed, StringComparison.Ordinal);
        Assert.Equal(Failed, JsonReport.Parse(ReportLine.Find(ReportLine.Compose(JsonReport.Serialize(Report())))!, "log").Scenarios[0].Cases[0].Evidence);
    }

    [Fact]
    public async Task JUnit_puts_evidence_in_the_failed_testcases_system_out_and_in_its_flaky_attempts_and_stays_surefire_valid()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            await JUnitReport.WriteAsync(Report(), path, CancellationToken.None);

            var cases = XDocument.Load(path).Descendants("testcase").ToDictionary(t => (string)t.Attribute("name")!);
            Assert.Equal(
                ["s/refresh: refresh works", "evidence:", .. Failed.Select(e => "  " + e)],
                cases["refresh"].Element("system-out")!.Value.Split('\n'));
            Assert.Equal(
                ["attempt 1, 0.009 s", "evidence:", .. FailedBefore.Select(e => "  " + e)],
                cases["flaky"].Element("flakyFailure")!.Element("system-out")!.Value.Split('\n'));
            Assert.Equal("s/passes: it passes", cases["passes"].Element("system-out")!.Value);

            var parsed = await SurefireReports.ParseAsync(path);
            Assert.Equal("valid true", parsed[0]);
            Assert.Equal("suite s tests=3 failures=1 errors=0 skipped=0 flakes=1", parsed[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_console_shows_the_last_lines_of_a_failed_cases_evidence_indented_under_its_message()
    {
        var evidence = Enumerable.Range(1, 6).Select(i => $"-> GET http://agent/v1/runs/{i} [x]").ToArray();
        var failed = new CaseResult("s/runs", "s", "runs", CaseOutcome.Failed, TimeSpan.FromMilliseconds(5), "expected 200, got 404", Evidence: evidence);
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), ColorSystem = ColorSystemSupport.NoColors });

        new ConsoleReporter(console).CaseFinished(failed);
        ConsoleReporter.WriteFailures(console, new RunReport(DateTimeOffset.UnixEpoch, TimeSpan.Zero, [new ScenarioResult("s", [failed], TimeSpan.Zero)]));

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();
        string[] once =
        [
            "FAIL  s/runs 5 ms",
            "       expected 200, got 404",
            .. evidence.TakeLast(ConsoleReporter.EvidenceLines).Select(e => "         " + e),
        ];
        Assert.Equal([.. once, .. once], lines);
    }
}
