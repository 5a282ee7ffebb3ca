using Netra.Probes.Contract;

namespace Netra.Operator.Tests.Tenancy;

/// <summary>Whatever a pod writes to its termination message, only a validated, bounded summary comes out of it.</summary>
public sealed class TerminationMessageBoundsTests
{
    private const string Counts = """{"total":1,"passed":0,"failed":1,"skipped":0,"errors":0}""";

    public static TheoryData<string, string> Unreadable => new()
    {
        { "not JSON", "DB_PASSWORD=hunter2" },
        { "longer than Kubernetes keeps", "{" + new string(' ', TerminationMessage.MaxBytes) + "}" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Text_that_is_not_a_summary_gives_nothing(string situation, string text) =>
        Assert.True(TerminationMessage.Parse(text) is null, situation);

    [Fact]
    public void Unknown_scenarios_and_case_ids_are_dropped_and_messages_are_one_bounded_line()
    {
        var text = $$"""
            {"counts":{{Counts}},
             "scenarios":[{"name":"thread-management","duration_ms":-5,"counts":{{Counts}}},{"name":"DB_PASSWORD=hunter2","duration_ms":1,"counts":{{Counts}}}],
             "failures":[
               {"id":"thread-management/create-thread","result":"failed","message":"line one\nline two\u0007 {{new string('x', 1000)}}"},
               {"id":"DB_PASSWORD=hunter2","result":"failed","message":"leak"},
               {"id":"thread-management/Not A Case","result":"failed","message":"leak"}],
             "truncated":false,
             "aborted":"{{new string('y', 2000)}}"}
            """;

        var summary = TerminationMessage.Parse(text)!;

        Assert.Equal(["thread-management"], summary.Scenarios.Select(s => s.Name));
        Assert.Equal(0, summary.Scenarios[0].DurationMs);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal("thread-management/create-thread", failure.Id);
        Assert.StartsWith("line one line two ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TerminationMessage.MaxMessageChars, failure.Message!.Length);
        Assert.True(summary.Truncated);
        Assert.Equal(TerminationMessage.MaxAbortedChars, summary.Aborted!.Length);
    }

    [Fact]
    public void Claimed_counts_are_bounded_by_the_cases_a_scenario_may_have_failures_first_and_the_total_is_their_sum()
    {
        var text = """
            {"counts":{"total":5,"passed":2000000000,"failed":1,"skipped":0,"errors":0},
             "scenarios":[{"name":"thread-management","duration_ms":9000000000000,
                           "counts":{"total":1,"passed":2000000000,"failed":1,"skipped":-3,"errors":0}},
                          {"name":"thread-management","duration_ms":1,"counts":{"total":1,"passed":1,"failed":0,"skipped":0,"errors":0}}],
             "failures":[],"truncated":false}
            """;

        var summary = TerminationMessage.Parse(text)!;

        var scenario = Assert.Single(summary.Scenarios);
        Assert.Equal(new TerminationMessage.Counts(TerminationMessage.MaxCasesPerScenario, TerminationMessage.MaxCasesPerScenario - 1, 1, 0, 0), scenario.Counts);
        Assert.Equal(TerminationMessage.MaxDurationMs, scenario.DurationMs);
        Assert.Equal(summary.Counts.Passed + summary.Counts.Failed, summary.Counts.Total);
    }

    [Fact]
    public void Format_characters_that_make_a_message_read_other_than_it_is_are_dropped()
    {
        const string message = @"ok\u202e\u200bgnp.exe\u2066 done\u0000";
        var text = $$"""
            {"counts":{{Counts}},"scenarios":[],"failures":[{"id":"thread-management/create-thread","result":"failed","message":"{{message}}"}],
             "truncated":false,"aborted":"stop\u200f\u061c here"}
            """;

        var summary = TerminationMessage.Parse(text)!;

        Assert.Equal("okgnp.exe done", summary.Failures.Single().Message);
        Assert.Equal("stop here", summary.Aborted);
        Assert.Equal("a\nb", PodText.Clean("a\n\u202eb\u0007", 100));
    }

    [Fact]
    public void A_packed_report_that_unpacks_beyond_the_bound_gives_nothing_and_stops_there()
    {
        var bomb = PackedReport.Pack(new string('a', 2 * 1024 * 1024));
        var fits = PackedReport.Pack(new string('a', PackedReport.MaxJsonBytes));

        Assert.True(bomb.Length < TerminationMessage.MaxBytes, $"a bomb of {bomb.Length} characters fits a termination message");
        Assert.Null(PackedReport.Unpack(bomb));
        Assert.Equal(PackedReport.MaxJsonBytes, PackedReport.Unpack(fits)!.Length);
        Assert.Null(PackedReport.Unpack("not base64 at all!"));
    }
}
