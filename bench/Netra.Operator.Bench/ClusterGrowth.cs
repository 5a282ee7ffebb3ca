using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.TestBed;

namespace Netra.Operator.Bench;

/// <summary>
/// Grows the control plane the operator lives in: namespaces with a schedule each (its rollout trigger watching its own
/// namespace), Deployments spread over them, finished TestRuns. The Deployments are paused: the controller-manager makes
/// no ReplicaSet or pod of them, and no rollout completes, so the operator only holds them, as it holds a cluster's.
/// </summary>
internal sealed class ClusterGrowth(OperatorTestBed bed, int namespaces)
{
    private int _deployments;
    private int _runs;

    public int Deployments => _deployments;

    public int Runs => _runs;

    public int Schedules { get; private set; }

    private string Namespace(int i) => $"growth-{i % namespaces:000}";

    public async Task AddSchedulesAsync()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, namespaces), Parallel8, async (i, stop) =>
        {
            await bed.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace(i) } }, cancellationToken: stop);
            await bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(new TestRunSchedule
            {
                Metadata = new V1ObjectMeta { Name = "after-deploy" },
                Spec = new TestRunScheduleSpec
                {
                    Triggers = new ScheduleTriggers { Rollouts = new RolloutTrigger { Kinds = [WorkloadKinds.Deployment] } },
                    Template = FinishedRuns.Spec(),
                },
            }, TestRun.Group, TestRun.Version, Namespace(i), TestRunSchedule.Plural, cancellationToken: stop);
        });
        Schedules = namespaces;
    }

    /// <summary>Adds Deployments until there are <paramref name="total"/>.</summary>
    public async Task AddDeploymentsAsync(int total)
    {
        await Parallel.ForEachAsync(Enumerable.Range(_deployments, total - _deployments), Parallel8, async (i, stop) =>
            await bed.Admin.AppsV1.CreateNamespacedDeploymentAsync(Deployment($"service-{i:00000}"), Namespace(i), cancellationToken: stop));
        _deployments = total;
    }

    /// <summary>Adds finished TestRuns until there are <paramref name="total"/>.</summary>
    public async Task AddFinishedRunsAsync(int total)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-7);
        await FinishedRuns.CreateAsync(bed, Enumerable.Range(_runs, total - _runs).Select(i => (
            new TestRun { Metadata = new V1ObjectMeta { Name = $"deploy-{i:0000}", NamespaceProperty = Namespace(i) }, Spec = FinishedRuns.Spec() },
            start.AddMinutes(i),
            i % 7 == 3)));
        _runs = total;
    }

    private static readonly ParallelOptions Parallel8 = new() { MaxDegreeOfParallelism = 8 };

    /// <summary>A Deployment as a service's chart renders one (probes, resources, a dozen settings): about 3 KiB stored.</summary>
    private static V1Deployment Deployment(string name)
    {
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/instance"] = name, ["app.kubernetes.io/version"] = "1.4.2",
        };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = labels,
                Annotations = new Dictionary<string, string> { ["meta.helm.sh/release-name"] = name, ["meta.helm.sh/release-namespace"] = "apps" },
            },
            Spec = new V1DeploymentSpec
            {
                Paused = true,
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels, Annotations = new Dictionary<string, string> { ["checksum/config"] = new string('c', 64) } },
                    Spec = new V1PodSpec
                    {
                        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "app",
                                Image = $"registry.example.com/apps/{name}:1.4.2",
                                Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }],
                                Env = [.. Enumerable.Range(0, 12).Select(i => new V1EnvVar { Name = $"SETTING_{i}", Value = $"value-of-setting-{i}" })],
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
                                },
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/readyz", Port = "http" } },
                                LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "http" } },
                                SecurityContext = new V1SecurityContext
                                {
                                    AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = true, Capabilities = new V1Capabilities { Drop = ["ALL"] },
                                },
                            },
                        ],
                    },
                },
            },
        };
    }
}
