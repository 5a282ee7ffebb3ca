using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>
/// What bounds a run's namespace before anything is deployed in it: the operator's own binding there, a
/// ResourceQuota and LimitRange (<see cref="Tenancy.EnvironmentLimits"/>), and network policies that deny by
/// default and allow what the contract needs: the services among themselves, the run's probe pods from the
/// TestRun's namespace, DNS of the cluster's DNS pods only (<see cref="ControllerSettings.ClusterDns"/>), and the deploy Job out (to the API server and chart registries).
/// </summary>
public static class EnvironmentGuards
{
    public const string OperatorBinding = "netra-operator";
    public const string Quota = "netra-quota";
    public const string Limits = "netra-limits";
    public const string DenyAll = "netra-deny-all";
    public const string AllowEnvironment = "netra-allow-environment";
    public const string AllowDeploy = "netra-allow-deploy";

    /// <summary>The label every namespace carries from Kubernetes 1.21 on: its name.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>Grants the operator what it does inside the run's namespace (<see cref="ControllerSettings.EnvironmentClusterRole"/>).
    /// </summary>
    public static V1RoleBinding Binding(TestRun run, ControllerSettings settings) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = Metadata(run, OperatorBinding),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = settings.EnvironmentClusterRole },
        Subjects =
        [
            new Rbacv1Subject
            {
                Kind = "ServiceAccount", Name = settings.OperatorAccount.Name, NamespaceProperty = settings.OperatorAccount.Namespace,
            },
        ],
    };

    public static IEnumerable<k8s.IKubernetesObject<V1ObjectMeta>> All(TestRun run, ControllerSettings settings)
    {
        yield return ResourceQuota(run, settings.Limits);
        yield return LimitRange(run, settings.Limits);
        yield return Policy(
            run, DenyAll, new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] });
        yield return Policy(run, AllowEnvironment, new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Ingress", "Egress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty =
                    [
                        new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() },
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = Match(NamespaceNameLabel, run.Metadata.NamespaceProperty),
                            PodSelector = Match(ChildNames.RunUidLabel, run.Metadata.Uid),
                        },
                    ],
                },
            ],
            Egress =
            [
                new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] },
                new V1NetworkPolicyEgressRule
                {
                    To =
                    [
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = Match(NamespaceNameLabel, settings.ClusterDns.Namespace),
                            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(settings.ClusterDns.PodLabels) },
                        },
                    ],
                    Ports =
                    [
                        new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 },
                        new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 },
                    ],
                },
            ],
        });
        yield return Policy(run, AllowDeploy, new V1NetworkPolicySpec
        {
            PodSelector = Match(ChildNames.ComponentLabel, ChildNames.DeployComponent),
            PolicyTypes = ["Egress"],
            Egress = [new V1NetworkPolicyEgressRule()],
        });
    }

    private static V1ResourceQuota ResourceQuota(TestRun run, Tenancy.EnvironmentLimits limits) => new()
    {
        ApiVersion = "v1",
        Kind = "ResourceQuota",
        Metadata = Metadata(run, Quota),
        Spec = new V1ResourceQuotaSpec { Hard = limits.Quota.ToDictionary(q => q.Key, q => new ResourceQuantity(q.Value)) },
    };

    private static V1LimitRange LimitRange(TestRun run, Tenancy.EnvironmentLimits limits) => new()
    {
        ApiVersion = "v1",
        Kind = "LimitRange",
        Metadata = Metadata(run, Limits),
        Spec = new V1LimitRangeSpec
        {
            Limits =
            [
                new V1LimitRangeItem
                {
                    Type = "Container",
                    DefaultRequest = new Dictionary<string, ResourceQuantity>
                    {
                        ["cpu"] = new(limits.DefaultCpuRequest), ["memory"] = new(limits.DefaultMemoryRequest),
                    },
                    DefaultProperty = new Dictionary<string, ResourceQuantity>
                    {
                        ["cpu"] = new(limits.DefaultCpuLimit), ["memory"] = new(limits.DefaultMemoryLimit),
                    },
                    Max = new Dictionary<string, ResourceQuantity>
                    {
                        ["cpu"] = new(limits.MaxContainerCpu), ["memory"] = new(limits.MaxContainerMemory),
                    },
                },
            ],
        },
    };

    private static V1NetworkPolicy Policy(TestRun run, string name, V1NetworkPolicySpec spec) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = Metadata(run, name),
        Spec = spec,
    };

    private static V1ObjectMeta Metadata(TestRun run, string name) => new()
    {
        Name = name,
        NamespaceProperty = ChildNames.EnvironmentNamespace(run),
        Labels = ChildNames.Labels(run, "environment"),
    };

    private static V1LabelSelector Match(string label, string value) =>
        new() { MatchLabels = new Dictionary<string, string> { [label] = value } };
}
