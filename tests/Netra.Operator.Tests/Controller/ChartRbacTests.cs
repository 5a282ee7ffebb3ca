using k8s.Models;
using Netra.Operator.Tests.Integration;

namespace Netra.Operator.Tests.Controller;

/// <summary>
/// The chart's rules, pinned: the integration tests run the operator with exactly these (so a
/// missing one fails there); an added one fails here until someone shows the operator needs it.
/// </summary>
public sealed class ChartRbacTests
{
    [Fact]
    public void Operator_cluster_role_grants_exactly_what_the_controller_calls()
    {
        var role = OperatorTestBed.ChartObjects().OfType<V1ClusterRole>().Single(r => r.Metadata.Name == "netra-operator");

        Assert.Equal(
        [
            "/configmaps create",                       // the charts' values
            "/events create",                           // a TestRun's transitions
            "/namespaces create", "/namespaces delete", "/namespaces get", // an Ephemeral run's environment
            "/pods list",                               // termination messages
            "/serviceaccounts create",                  // the deployer's account
            "batch/jobs create", "batch/jobs get", "batch/jobs list", "batch/jobs watch",
            "netra.io/testruns get", "netra.io/testruns list", "netra.io/testruns patch", "netra.io/testruns watch", // patch: the finalizer
            "netra.io/testruns/status patch",
            "rbac.authorization.k8s.io/clusterroles bind netra-operator-deployer",
            "rbac.authorization.k8s.io/rolebindings create",
        ],
        Flatten(role.Rules));
    }

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
