using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>
/// The Job installing the three charts with <c>helm upgrade --install --wait</c>, one container each (<c>helm-auth</c>,
/// <c>helm-agent</c>, <c>helm-backend</c>), side by side: the services start in any order (none calls another before a
/// request needs it, a failed call is tried again on the next request, and each one's readiness checks only its own
/// store or model), so the three releases wait for their pods together. The pod ends once all three have; a release that
/// fails is named as soon as its container exits (<see cref="PodProblems"/>), while the others may still wait.
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
            Containers = [.. releases],
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
