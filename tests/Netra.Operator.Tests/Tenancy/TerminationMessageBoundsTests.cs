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
}
