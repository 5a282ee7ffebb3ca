using k8s;
using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The deploy Job's helm runs with the netra-operator-deployer ClusterRole inside a run's namespace:
/// it must be allowed to create, read, change and delete every kind of object the service charts
/// render there, the optional PodDisruptionBudget included.
/// </summary>
public sealed class DeployerRoleTests
{
    private static readonly Dictionary<string, string> Resources = new()
    {
        ["Deployment"] = "apps/deployments",
        ["Service"] = "/services",
        ["PersistentVolumeClaim"] = "/persistentvolumeclaims",
        ["NetworkPolicy"] = "networking.k8s.io/networkpolicies",
        ["PodDisruptionBudget"] = "policy/poddisruptionbudgets",
    };

    public static TheoryData<string> Services => [.. HelmChart.ServiceCharts];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_deployer_role_may_manage_every_object_a_service_chart_renders(string chart)
    {
        var granted = DeployerRules();
        var objects = new HelmChart(chart).Render("podDisruptionBudget: {enabled: true}");
        var kinds = objects.Select(item => (string)item["kind"]!).Distinct().ToList();

        Assert.Contains("NetworkPolicy", kinds);
        Assert.All(kinds, kind => Assert.All(new[] { "get", "create", "patch", "update", "delete" },
            verb => Assert.Contains($"{Resources[kind]} {verb}", granted)));
    }

    [Fact]
    public void The_deployer_role_grants_nothing_beyond_what_the_charts_render_helms_release_storage_and_its_wait()
    {
        var rendered = HelmChart.ServiceCharts
            .SelectMany(chart => new HelmChart(chart).Render("podDisruptionBudget: {enabled: true}"))
            .Select(item => Resources[(string)item["kind"]!]);
        HashSet<string> needed = [.. rendered, "/configmaps", "/pods", "apps/replicasets"];

        var granted = DeployerRules().Select(rule => rule.Split(' ')[0]).ToHashSet();

        Assert.Empty(granted.Except(needed));
    }

    [Fact]
    public void The_deployer_role_reads_no_secret_and_changes_no_network_policy_but_the_charts_own()
    {
        var role = DeployerRole();

        Assert.DoesNotContain(role.Rules, rule => rule.Resources.Contains("secrets") || rule.Resources.Contains("*"));
        var policies = role.Rules.Where(rule => rule.Resources.Contains("networkpolicies")).ToList();
        Assert.All(policies.Where(rule => rule.Verbs.Intersect(["get", "update", "patch", "delete"]).Any()),
            rule => Assert.Equal(HelmChart.ServiceCharts.Order(), rule.ResourceNames.Order()));
        Assert.DoesNotContain(policies, rule => rule.ResourceNames is null && rule.Verbs.Intersect(["update", "patch", "delete"]).Any());
    }

    /// <summary>The role as the operator chart renders it with its defaults: the one its --deployer-cluster-role names.</summary>
    private static V1ClusterRole DeployerRole()
    {
        var objects = new HelmChart("netra-operator").Render();
        var name = OperatorServeArgs.Parse(objects).Controller.DeployerClusterRole;
        return KubernetesJson.Deserialize<V1ClusterRole>(
            objects.Single(item => (string?)item["kind"] == "ClusterRole" && (string?)item["metadata"]!["name"] == name).ToJsonString());
    }

    private static HashSet<string> DeployerRules()
    {
        var role = DeployerRole();
        return [.. role.Rules.SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource =>
            rule.Verbs.Select(verb => $"{group}/{resource} {verb}"))))];
    }
}
