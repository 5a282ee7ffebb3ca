using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The three service charts rendered with deploy/production's values, as the install commands there give them, agree
/// with each other: one issuer, the auth and agent Services where the others look for them, a PodDisruptionBudget the
/// cluster serves.
/// </summary>
public sealed class ProductionValuesTests
{
    private static readonly string ClusterDomain = $"{HelmChart.ReleaseNamespace}.svc";

    [Fact]
    public void The_services_agree_on_the_issuer_and_on_where_the_auth_and_agent_services_are()
    {
        var (auth, backend, agent) = (Rendered("netra-auth"), Rendered("netra-backend"), Rendered("netra-agent"));

        var issuer = Setting(auth, "Auth__Issuer");
        Assert.StartsWith("https://", issuer, StringComparison.Ordinal);
        Assert.Equal(issuer, Setting(agent, "Auth__Issuer"));
        var authUrl = $"http://{ServiceName(auth)}.{ClusterDomain}";
        Assert.Equal(authUrl, Setting(backend, "Services__AuthUrl"));
        Assert.Equal(authUrl, Setting(agent, "Services__AuthUrl"));
        Assert.Equal($"http://{ServiceName(agent)}.{ClusterDomain}", Setting(backend, "Services__AgentUrl"));
    }

    [Theory]
    [InlineData(new string[0], "policy/v1beta1")]
    [InlineData(new[] { "policy/v1/PodDisruptionBudget" }, "policy/v1")]
    public void The_disruption_budget_uses_the_api_the_cluster_serves(string[] served, string apiVersion)
    {
        var budget = HelmChart.OfKind(new HelmChart("netra-agent").RenderProduction(served), "PodDisruptionBudget");

        Assert.Equal(apiVersion, (string?)budget["apiVersion"]);
    }

    private static IReadOnlyList<System.Text.Json.Nodes.JsonObject> Rendered(string chart) => new HelmChart(chart).RenderProduction();

    private static string ServiceName(IReadOnlyList<System.Text.Json.Nodes.JsonObject> objects) =>
        HelmChart.OfKind<V1Service>(objects, "Service").Metadata.Name;

    private static string Setting(IReadOnlyList<System.Text.Json.Nodes.JsonObject> objects, string name) =>
        Assert.Single(HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.Containers[0].Env, e => e.Name == name).Value;
}
