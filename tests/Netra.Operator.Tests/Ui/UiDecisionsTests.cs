using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Ui;
using Netra.Operator.Core.Ui.Charts;
using Netra.Operator.Core.Ui.Pages;

namespace Netra.Operator.Tests.Ui;

/// <summary>The UI's pure parts: filters, the pass rate line, sessions and the page cache, each bounded.</summary>
public sealed class UiDecisionsTests
{
    [Theory]
    [InlineData("P", new[] { 100 })]
    [InlineData("F", new[] { 0 })]
    [InlineData("PPF", new[] { 100, 100, 67 })]
    [InlineData("FFFFFFFFFFP", new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10 })]
    [InlineData("PPPPPPPPPPF", new[] { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 90 })]
    public void The_pass_rate_is_over_the_last_ten_runs_up_to_each(string outcomes, int[] rates)
    {
        var runs = outcomes.Select((o, i) => new ChartRun($"r{i}", o == 'P', null)).ToList();

        Assert.Equal(rates, PassRateChart.Rates(runs));
    }

    [Theory]
    [InlineData(null, null, null, new[] { "b-new", "c-other", "a-old" })]
    [InlineData("team", null, null, new[] { "b-new", "a-old" })]
    [InlineData(null, "Failed", null, new[] { "b-new" })]
    [InlineData(null, null, "TestsFailed", new[] { "b-new" })]
    [InlineData(null, "Pending", null, new[] { "c-other" })]
    [InlineData("hidden", null, null, new string[0])]
    public void Runs_are_filtered_newest_first_among_readable_namespaces(string? ns, string? phase, string? reason, string[] expected)
    {
        TestRun[] runs =
        [
            Run("team", "a-old", 1, Phases.Succeeded),
            Run("team", "b-new", 3, Phases.Failed),
            Run("other", "c-other", 2, null),
            Run("hidden", "d-hidden", 4, Phases.Failed),
        ];

        var shown = new RunsQuery(ns, null, phase, reason, 1).Apply(runs, new HashSet<string> { "team", "other" });

        Assert.Equal(expected, shown.Select(r => r.Metadata.Name));
    }

    [Fact]
    public void A_query_links_to_its_other_pages_with_its_filters_encoded()
    {
        var query = new RunsQuery("team", "night&day", null, "", 1);

        Assert.Equal("/runs?namespace=team&schedule=night%26day&page=3", query.Link(3));
        Assert.Equal("/runs?namespace=team&schedule=night%26day", query.Link(1));
    }

    [Fact]
    public void Sessions_expire_and_the_oldest_is_forgotten_beyond_the_bound()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var sessions = new Sessions(new UiOptions { MaxSessions = 2, SessionLifetime = TimeSpan.FromHours(1) }, time);

        var first = sessions.Open(new V1UserInfo { Username = "first" });
        time.Advance(TimeSpan.FromMinutes(1));
        var second = sessions.Open(new V1UserInfo { Username = "second" });
        var third = sessions.Open(new V1UserInfo { Username = "third" });

        Assert.Null(sessions.Find(first));
        Assert.Equal("second", sessions.Find(second)?.Username);
        Assert.NotEqual(second, third);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Null(sessions.Find(third));
        Assert.Null(sessions.Find(null));
    }

    [Fact]
    public async Task The_page_cache_keeps_at_most_its_bytes_forgetting_the_least_recently_used()
    {
        var cache = new PageCache(maxBytes: 2 * 1000 * sizeof(char));
        var renders = 0;
        Task<string> Render(char c) { renders++; return Task.FromResult(new string(c, 1000)); }

        await cache.GetOrRenderAsync("a", () => Render('a'));
        await cache.GetOrRenderAsync("b", () => Render('b'));
        await cache.GetOrRenderAsync("a", () => Render('a'));
        await cache.GetOrRenderAsync("c", () => Render('c'));
        await cache.GetOrRenderAsync("a", () => Render('a'));
        await cache.GetOrRenderAsync("b", () => Render('b'));

        Assert.Equal(4, renders);
        Assert.True(cache.Bytes() <= 2 * 1000 * sizeof(char));
    }

    private static TestRun Run(string ns, string name, int minute, string? phase) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            CreationTimestamp = new DateTime(2026, 12, 7, 10, minute, 0, DateTimeKind.Utc),
        },
        Status = phase is null
            ? null
            : new TestRunStatus
            {
                Phase = phase,
                Conditions =
                [
                    new TestRunCondition
                    {
                        Type = ConditionTypes.Finished,
                        Status = ConditionStatuses.True,
                        Reason = phase == Phases.Failed ? "TestsFailed" : "Succeeded",
                        LastTransitionTime = DateTimeOffset.UnixEpoch,
                    },
                ],
            },
    };
}
