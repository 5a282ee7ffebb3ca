using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Scenarios;

namespace Netra.Probes.Tests;

public sealed class ScenarioCatalogTests
{
    [Fact]
    public void The_catalog_holds_the_contract_scenarios_in_its_order() =>
        Assert.Equal(ScenarioNames.All, ScenarioCatalog.All.Select(s => s.Name));

    /// <summary>Every case the table declares (what a report lists where the probes cannot run) has a method in the catalog.</summary>
    [Fact]
    public void Every_declared_case_is_bound_to_a_method_in_the_declared_order()
    {
        Assert.Equal(ScenarioNames.All.Order(StringComparer.Ordinal), ScenarioCases.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(ScenarioCatalog.All, scenario => Assert.Equal(
            scenario.Cases.Select(c => (c.Id, c.Description)),
            ScenarioCases.Of(scenario.Name).Select(c => ($"{scenario.Name}/{c.Id}", c.Description))));
    }

    [Theory]
    [InlineData("auth-websocket-handshake", 9)]
    [InlineData("agent-lifecycle-events", 6)]
    [InlineData("cross-service-auth-sync", 6)]
    [InlineData("websocket-reconnection-auth", 8)]
    [InlineData("multi-agent-isolation", 5)]
    [InlineData("agent-failure-recovery", 12)]
    [InlineData("message-format-validation", 10)]
    [InlineData("auth-service-independence", 3)]
    [InlineData("thread-management", 10)]
    [InlineData("streaming-auth-validation", 10)]
    public void Each_scenario_has_at_least_the_contract_number_of_cases(string name, int minimum) =>
        Assert.InRange(ScenarioCatalog.All.Single(s => s.Name == name).Cases.Count, minimum, int.MaxValue);

    [Fact]
    public void No_scenario_has_more_cases_than_the_operator_believes_a_probe_pod_claiming() =>
        Assert.All(ScenarioCatalog.All, s => Assert.InRange(s.Cases.Count, 1, TerminationMessage.MaxCasesPerScenario));

    [Fact]
    public void Case_ids_are_unique_stable_and_scoped_by_scenario()
    {
        var ids = ScenarioCatalog.All.SelectMany(s => s.Cases.Select(c => (s.Name, c.Id))).ToList();

        Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct().Count());
        Assert.All(ids, i => Assert.Matches($"^{i.Name}/[a-z0-9]+(-[a-z0-9]+)*$", i.Id));
        Assert.True(ids.Count >= 79, $"{ids.Count} cases");
    }

    [Fact]
    public void Selection_keeps_catalog_order_and_reports_unknown_names()
    {
        var selection = ScenarioCatalog.Select(["thread-management", "nope", "agent-lifecycle-events"]);

        Assert.Equal(["agent-lifecycle-events", "thread-management"], selection.Scenarios.Select(s => s.Name));
        Assert.Equal(["nope"], selection.Unknown);
    }
}
