using System.Text.RegularExpressions;
using Netra.Operator.Core.Ui.Charts;

namespace Netra.Operator.Tests.Ui;

/// <summary>The pages as a viewer of <see cref="UiFixture.Team"/> gets them, over real HTTP.</summary>
[Collection(UiDefinition.Name)]
public sealed partial class UiPagesTests(UiFixture bed)
{
    [Fact]
    public async Task A_failed_run_shows_its_failing_case_with_the_message_as_text()
    {
        using var client = await bed.LoggedInAsync();

        var page = await client.GetStringAsync($"/namespaces/{UiFixture.Team}/testruns/{UiFixture.FailedRun}");

        Assert.Contains("TestsFailed", page, StringComparison.Ordinal);
        Assert.Contains(UiFixture.FailedCase, page, StringComparison.Ordinal);
        Assert.Contains("got &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_in_progress_refreshes_itself_without_a_script()
    {
        using var client = await bed.LoggedInAsync();

        var page = await client.GetStringAsync($"/namespaces/{UiFixture.Team}/testruns/deploy-in-progress");

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", page, StringComparison.Ordinal);
        Assert.Contains("Probing", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runs_page_filters_by_phase_and_schedule()
    {
        using var client = await bed.LoggedInAsync();

        var failed = await client.GetStringAsync($"/runs?namespace={UiFixture.Team}&phase=Failed");
        var scheduled = await client.GetStringAsync($"/runs?schedule={UiFixture.Schedule}");

        Assert.Contains(UiFixture.FailedRun, failed, StringComparison.Ordinal);
        Assert.DoesNotContain(UiFixture.PassedRun, failed, StringComparison.Ordinal);
        Assert.Equal(UiFixture.ScheduleOutcomes.Count(passed => !passed) + 1, RunRow().Count(failed));
        Assert.Equal(UiFixture.ScheduleOutcomes.Length, RunRow().Count(scheduled));
        Assert.DoesNotContain(UiFixture.FailedRun, scheduled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_page_draws_its_pass_rate_and_each_scenario_over_its_runs()
    {
        using var client = await bed.LoggedInAsync();

        var page = await client.GetStringAsync($"/namespaces/{UiFixture.Team}/testrunschedules/{UiFixture.Schedule}");

        var outcomes = UiFixture.ScheduleOutcomes;
        Assert.Contains("<svg class=\"pass-rate\"", page, StringComparison.Ordinal);
        Assert.Equal(outcomes.Count(o => o), Regex.Count(page, "<circle class=\"run succeeded\""));
        Assert.Equal(outcomes.Count(o => !o), Regex.Count(page, "<circle class=\"run failed\""));
        Assert.Equal(outcomes.Count(o => !o), Regex.Count(page, "<rect class=\"cell failed\""));
        Assert.Equal(outcomes.Length * 2 - outcomes.Count(o => !o), Regex.Count(page, "<rect class=\"cell passed\""));
        var lastRate = PassRateChart.Rates([.. outcomes.Select((o, i) => new ChartRun($"r{i}", o, null))])[^1];
        Assert.Contains($"pass rate {lastRate}%", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr class=\"run\">")]
    private static partial Regex RunRow();
}
