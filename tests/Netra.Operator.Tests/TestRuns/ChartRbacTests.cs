using k8s.Models;
using Netra.Operator.Tests.Integration;

namespace Netra.Operator.Tests.TestRuns;

/// <summary>
/// Where the chart grants what: leases in the operator's namespace only, the deployer role never
/// cluster-wide. That the operator's rules are exactly what it uses is shown by <see cref="Integration.OperatorRbacTests"/>.
/// </summary>
public sealed class ChartRbacTests
{
    [Fact]
    public void Leases_are_granted_in_the_operator_namespace_only_and_the_deployer_role_is_never_bound_cluster_wide()
    {
        var objects = OperatorTestBed.ChartObjects().ToList();

        var leases = Assert.Single(objects.OfType<V1Role>());
        Assert.Equal(ControlPlane.OperatorNamespace, leases.Metadata.NamespaceProperty);
        Assert.Equal(["coordination.k8s.io/leases create", "coordination.k8s.io/leases get", "coordination.k8s.io/leases update"], Flatten(leases.Rules));
        Assert.DoesNotContain(objects.OfType<V1ClusterRoleBinding>(), b => b.RoleRef.Name == "netra-operator-deployer");
        Assert.Contains(objects.OfType<V1ClusterRole>(), r => r.Metadata.Name == "netra-operator-deployer");
    }

    private static List<string> Flatten(IEnumerable<V1PolicyRule> rules) =>
        [.. rules.SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource => rule.Verbs.Select(verb =>
            $"{group}/{resource} {verb}{(rule.ResourceNames is { Count: > 0 } names ? " " + string.Join(",", names) : string.Empty)}"))))
            .Order(StringComparer.Ordinal)];
}
