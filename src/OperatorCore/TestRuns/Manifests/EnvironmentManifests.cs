using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>
/// The namespace of an Ephemeral run and what its deploy Job needs inside it. The namespace is
/// cluster-scoped, so it cannot carry an owner reference to the namespaced TestRun: labels point
/// back to it, and the run's finalizer removes it.
/// </summary>
public static class EnvironmentManifests
{
    public const string PodSecurityEnforce = "pod-security.kubernetes.io/enforce";

    public static V1Namespace Namespace(TestRun run)
    {
        var labels = ChildNames.Labels(run, "environment");
        labels[PodSecurityEnforce] = "restricted";
        return new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = ChildNames.EnvironmentNamespace(run), Labels = labels },
        };
    }

    public static V1ServiceAccount DeployerAccount(TestRun run) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta
        {
            Name = ChildNames.Deployer,
            NamespaceProperty = ChildNames.EnvironmentNamespace(run),
            Labels = ChildNames.Labels(run, ChildNames.DeployComponent),
        },
    };

    /// <summary>Grants the deployer ClusterRole inside the run's namespace only.</summary>
    public static V1RoleBinding DeployerBinding(TestRun run, ControllerSettings settings)
    {
        var ns = ChildNames.EnvironmentNamespace(run);
        return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.Deployer,
                NamespaceProperty = ns,
                Labels = ChildNames.Labels(run, ChildNames.DeployComponent),
            },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = settings.DeployerClusterRole },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = ChildNames.Deployer, NamespaceProperty = ns }],
        };
    }

    /// <summary>The three charts' values, one JSON file each (JSON is YAML to helm).</summary>
    public static V1ConfigMap Values(TestRunObservation observation, ControllerSettings settings)
    {
        var run = observation.Run;
        var ns = ChildNames.EnvironmentNamespace(run);
        var urls = ServiceUrls.InNamespace(ns);
        var charts = observation.Spec.Charts;
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.ValuesConfigMap,
                NamespaceProperty = ns,
                Labels = ChildNames.Labels(run, ChildNames.DeployComponent),
            },
            Data = new Dictionary<string, string>
            {
                ["auth.json"] = Json(ChartValues.Auth(ChartValues.OverRegistry(charts?.Auth?.Values, settings))),
                ["agent.json"] = Json(ChartValues.Agent(ChartValues.OverRegistry(charts?.Agent?.Values, settings), urls)),
                ["backend.json"] = Json(ChartValues.Backend(ChartValues.OverRegistry(charts?.Backend?.Values, settings), urls)),
            },
        };
    }

    /// <summary>
    /// The bundled chart archives the deploy Job installs from (<see cref="BundledCharts"/>), or null when no service uses one.
    /// </summary>
    public static V1ConfigMap? Charts(TestRunObservation observation, ControllerSettings settings)
    {
        var run = observation.Run;
        var charts = observation.Spec.Charts;
        var bundled = new[]
        {
            ("auth", DeployJobManifest.ChartOf(charts?.Auth, settings.AuthChart)),
            ("agent", DeployJobManifest.ChartOf(charts?.Agent, settings.AgentChart)),
            ("backend", DeployJobManifest.ChartOf(charts?.Backend, settings.BackendChart)),
        }.Where(c => c.Item2 == BundledCharts.Reference).Select(c => BundledCharts.ArchiveName(c.Item1)).ToList();
        if (bundled.Count == 0)
        {
            return null;
        }

        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.ChartsConfigMap,
                NamespaceProperty = ChildNames.EnvironmentNamespace(run),
                Labels = ChildNames.Labels(run, ChildNames.DeployComponent),
            },
            BinaryData = bundled.ToDictionary(name => name, name => BundledCharts.Archives[name]),
        };
    }

    private static string Json(JsonObject values) => values.ToJsonString();
}
