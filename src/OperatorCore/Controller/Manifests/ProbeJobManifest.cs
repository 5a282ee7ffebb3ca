using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Controller.Manifests;

/// <summary>
/// One shard of probes: <c>netra-probes run</c> for some scenarios, in the run's own namespace
/// (where its credentials Secret is), owned by the run. Results come back in the termination message.
/// </summary>
public static class ProbeJobManifest
{
    public static V1Job Build(TestRun run, ControllerSettings settings, ServiceUrls urls, int attempt, int shard, IReadOnlyList<string> scenarios, long activeDeadlineSeconds)
    {
        var labels = ChildNames.Labels(run, ChildNames.ProbeComponent);
        labels["netra.io/attempt"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        labels["netra.io/shard"] = shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var secret = run.Spec.Environment.CredentialsSecretRef?.Name;
        var container = new V1Container
        {
            Name = "probes",
            Image = run.Spec.Probe?.Image ?? settings.ProbeImage,
            Args = [.. ProbeCommandLine.RunArguments(urls.AuthUrl, urls.BackendUrl, urls.AgentUrl, scenarios)],
            TerminationMessagePath = ProbeCommandLine.TerminationLogPath,
            Resources = run.Spec.Probe?.Resources,
            EnvFrom = secret is null ? null : [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = secret, Optional = true } }],
            VolumeMounts = [RestrictedPod.TempMount()],
        };
        var pod = new V1PodSpec { AutomountServiceAccountToken = false, Containers = [container], Volumes = [RestrictedPod.TempVolume()] };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.ProbeJob(run, attempt, shard),
                NamespaceProperty = run.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = ChildNames.Annotations(run),
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = run.ApiVersion, Kind = run.Kind, Name = run.Metadata.Name, Uid = run.Metadata.Uid, Controller = true },
                ],
            },
            Spec = RestrictedPod.RunOnce(pod, labels, activeDeadlineSeconds),
        };
    }
}
