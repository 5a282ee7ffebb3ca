using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Controller.Manifests;

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
            Helm(settings, "auth", charts?.Auth, settings.AuthChart, ns, activeDeadlineSeconds),
            Helm(settings, "agent", charts?.Agent, settings.AgentChart, ns, activeDeadlineSeconds),
            Helm(settings, "backend", charts?.Backend, settings.BackendChart, ns, activeDeadlineSeconds),
        };
        var pod = new V1PodSpec
        {
            ServiceAccountName = ChildNames.Deployer,
            InitContainers = releases[..^1],
            Containers = [releases[^1]],
            Volumes =
            [
                RestrictedPod.TempVolume(),
                new V1Volume { Name = "values", ConfigMap = new V1ConfigMapVolumeSource { Name = ChildNames.ValuesConfigMap } },
            ],
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = ChildNames.DeployJob, NamespaceProperty = ns, Labels = labels, Annotations = ChildNames.Annotations(run) },
            Spec = RestrictedPod.RunOnce(pod, labels, activeDeadlineSeconds),
        };
    }

    private static V1Container Helm(ControllerSettings settings, string service, ChartSpec? chart, string defaultChart, string ns, long deadlineSeconds)
    {
        List<string> args =
        [
            "upgrade", "--install", $"netra-{service}", chart?.Chart ?? defaultChart,
            "--namespace", ns, "--wait", "--timeout", $"{deadlineSeconds}s", "--values", $"/values/{service}.json",
        ];
        if (chart?.Version is { Length: > 0 } version)
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
            ],
            VolumeMounts = [RestrictedPod.TempMount(), new V1VolumeMount { Name = "values", MountPath = "/values", ReadOnlyProperty = true }],
        };
    }
}
