using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>
/// The Job installing the three charts with <c>helm upgrade --install --wait</c>, one container each
/// in order (auth, agent, backend: each needs the one before): init containers run one after the
/// other and stop the pod at the first failure.
/// </summary>
public static class DeployJobManifest
{
    public static V1Job Build(TestRunObservation observation, ControllerSettings settings, long activeDeadlineSeconds)
    {
        var run = observation.Run;
        var ns = ChildNames.EnvironmentNamespace(run);
        var charts = observation.Spec.Charts;
        var labels = ChildNames.Labels(run, ChildNames.DeployComponent);
        var releases = new[]
        {
            Helm(settings, "auth", charts?.Auth, ChartOf(charts?.Auth, settings.AuthChart), ns, activeDeadlineSeconds),
            Helm(settings, "agent", charts?.Agent, ChartOf(charts?.Agent, settings.AgentChart), ns, activeDeadlineSeconds),
            Helm(settings, "backend", charts?.Backend, ChartOf(charts?.Backend, settings.BackendChart), ns, activeDeadlineSeconds),
        };
        var pod = new V1PodSpec
        {
            ServiceAccountName = ChildNames.Deployer,
            ImagePullSecrets = RestrictedPod.PullSecrets(settings),
            InitContainers = releases[..^1],
            Containers = [releases[^1]],
            Volumes =
            [
                RestrictedPod.TempVolume(),
                new V1Volume { Name = "values", ConfigMap = new V1ConfigMapVolumeSource { Name = ChildNames.ValuesConfigMap } },
                new V1Volume
                {
                    Name = "charts",
                    ConfigMap = new V1ConfigMapVolumeSource { Name = ChildNames.ChartsConfigMap, Optional = true },
                },
            ],
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.DeployJob,
                NamespaceProperty = ns,
                Labels = labels,
                Annotations = ChildNames.Annotations(run),
            },
            Spec = RestrictedPod.RunOnce(pod, labels, activeDeadlineSeconds),
        };
    }

    /// <summary>
    /// The chart a run installs for a service: the spec's, else the operator's; <c>bundled</c> when it is the one
    /// the operator carries.
    /// </summary>
    public static string ChartOf(ChartSpec? chart, string operatorDefault) => chart?.Chart ?? operatorDefault;

    private static V1Container Helm(
        ControllerSettings settings, string service, ChartSpec? chart, string reference, string ns, long deadlineSeconds)
    {
        var bundled = reference == BundledCharts.Reference;
        List<string> args =
        [
            "upgrade", "--install", $"netra-{service}", bundled ? BundledCharts.PathOf(service) : reference,
            "--namespace", ns, "--wait", "--timeout", $"{deadlineSeconds}s", "--values", $"/values/{service}.json",
        ];
        if (!bundled && chart?.Version is { Length: > 0 } version)
        {
            args.AddRange(["--version", version]);
        }

        return new V1Container
        {
            Name = $"helm-{service}",
            Image = settings.HelmImage,
            Args = args,
            Env =
            [
                new V1EnvVar { Name = "HELM_CACHE_HOME", Value = "/tmp/helm/cache" },
                new V1EnvVar { Name = "HELM_CONFIG_HOME", Value = "/tmp/helm/config" },
                new V1EnvVar { Name = "HELM_DATA_HOME", Value = "/tmp/helm/data" },
                // Releases in ConfigMaps: the deployer's role holds no right on Secrets (the copied pull secrets).
                new V1EnvVar { Name = "HELM_DRIVER", Value = "configmap" },
            ],
            VolumeMounts =
            [
                RestrictedPod.TempMount(),
                new V1VolumeMount { Name = "values", MountPath = "/values", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "charts", MountPath = BundledCharts.MountPath, ReadOnlyProperty = true },
            ],
        };
    }
}
