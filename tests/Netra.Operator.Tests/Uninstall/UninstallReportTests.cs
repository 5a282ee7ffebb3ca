using Netra.Operator.Core.Uninstall;

namespace Netra.Operator.Tests.Uninstall;

/// <summary>What <c>netra-operator uninstall</c> says while it waits and when it ends: what is left, named, and the way out.</summary>
public sealed class UninstallReportTests
{
    private static readonly string[] Many = [.. Enumerable.Range(1, 12).Select(i => $"team/run-{i}")];

    public static TheoryData<string[], string[], string> Waits => new()
    {
        { [], ["team/a", "team/b", "team/c"], "waiting for 3 TestRuns: team/a, team/b, team/c" },
        { ["team/nightly"], ["team/a"], "waiting for 1 TestRunSchedule and 1 TestRun: team/nightly, team/a" },
        { ["team/nightly", "ops/hourly"], [], "waiting for 2 TestRunSchedules: team/nightly, ops/hourly" },
        {
            [], Many,
            "waiting for 12 TestRuns: team/run-1, team/run-2, team/run-3, team/run-4, team/run-5, team/run-6, team/run-7, "
                + "team/run-8, team/run-9, team/run-10 and 2 more"
        },
    };

    [Theory]
    [MemberData(nameof(Waits))]
    public void A_wait_names_what_is_left_schedules_first_and_counts_past_ten(string[] schedules, string[] runs, string line)
    {
        Assert.Equal(line, UninstallReport.Waiting(new Leftovers(schedules, runs)));
    }

    [Theory]
    [InlineData(0, 0, "No TestRunSchedule or TestRun to delete.")]
    [InlineData(1, 3, "Deleted 1 TestRunSchedule and 3 TestRuns; none is left.")]
    [InlineData(0, 1, "Deleted 1 TestRun; none is left.")]
    public void The_end_counts_what_was_deleted(int schedules, int runs, string line)
    {
        Assert.Equal(line, UninstallReport.Done(schedules, runs));
    }

    public static TheoryData<string, string[], string?, string> Endings => new()
    {
        {
            "timed out after 2s", ["team/stuck"], null,
            "netra-operator: timed out after 2s with 1 TestRun left: team/stuck. " + UninstallReport.ManualFix
        },
        {
            "SIGTERM received", ["team/stuck"], "503 ServiceUnavailable: etcd",
            "netra-operator: SIGTERM received with 1 TestRun left: team/stuck. Last error: 503 ServiceUnavailable: etcd. "
                + UninstallReport.ManualFix
        },
    };

    [Theory]
    [MemberData(nameof(Endings))]
    public void Giving_up_is_one_line_naming_what_is_left_and_the_manual_fix(string why, string[] runs, string? problem, string line)
    {
        Assert.Equal(line, UninstallReport.GaveUp(why, new Leftovers([], runs), problem));
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void A_schedule_left_alone_needs_no_finalizer_fix_and_nothing_listed_says_why()
    {
        Assert.Equal(
            "netra-operator: timed out after 1m0s with 1 TestRunSchedule left: team/nightly.",
            UninstallReport.GaveUp("timed out after 1m0s", new Leftovers(["team/nightly"], []), null));
        Assert.Equal(
            "netra-operator: timed out after 1m0s: cannot reach the API server: Connection refused",
            UninstallReport.GaveUp("timed out after 1m0s", null, "cannot reach the API server: Connection refused"));
    }

    [Theory]
    [InlineData("""kubectl patch testrun/NAME -n NS --type=merge -p '{"metadata":{"finalizers":null}}'""")]
    [InlineData("kubectl delete namespaces -l netra.io/testrun")]
    public void The_manual_fix_is_the_one_docs_uninstall_md_gives_under_Leftovers(string command)
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "uninstall.md"));
        var leftovers = doc[doc.IndexOf("## Leftovers", StringComparison.Ordinal)..];

        Assert.Contains(command, leftovers, StringComparison.Ordinal);
        Assert.Contains(command, UninstallReport.ManualFix, StringComparison.Ordinal);
    }
}
