using k8s;
using k8s.Models;
using Netra.Operator.Tests.Charts;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// The operator chart's PodDisruptionBudget, rendered for a cluster that serves no <c>policy/v1</c> (the 1.20 API server
/// here, as on the cluster fixture's node), is created at <c>policy/v1beta1</c> as the cluster fixture applies the chart.
/// </summary>
public sealed class ChartBudgetTests(OperatorTestBedFixture bed) : IClassFixture<OperatorTestBedFixture>
{
    [Fact]
    public async Task The_budget_is_created_at_the_version_the_chart_chose()
    {
        var ns = await bed.CreateNamespaceAsync("budget");
        var budget = HelmChart.OfKind(new HelmChart("netra-operator").Render(releaseNamespace: ns), "PodDisruptionBudget");
        Assert.Equal("policy/v1beta1", (string?)budget["apiVersion"]);

        await ChartObjects.ApplyAsync(bed.Admin, budget, ns);

        using var budgets = new GenericClient(bed.Admin, "policy", "v1beta1", "poddisruptionbudgets", disposeClient: false);
        var created = await budgets.ReadNamespacedAsync<V1PodDisruptionBudget>(ns, (string)budget["metadata"]!["name"]!);
        Assert.Equal("1", created.Spec.MaxUnavailable.Value);
    }
}
