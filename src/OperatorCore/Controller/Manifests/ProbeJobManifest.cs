using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Controller.Manifests;

/// <summary>
/// One scenario's attempt: <c>netra-probes run</c> for that scenario, in the run's own namespace
/// (where its credentials Secret is), owned by the run. Results come back in the termination message.
/// </summary>
public static class ProbeJobManifest
{
    /// <summary>The CRD's profile (<c>Safe</c>, <c>Full</c>) as the probes' option spells it.</summary>
    public static string ProbeProfile(string profile) => profile == Profiles.Safe ? ProbeProfiles.Safe : ProbeProfiles.Full;

    public static V1Job Build(
        TestRunObservation observation,
        ControllerSettings settings,
        ServiceUrls urls,
        string scenario,
        int attempt,
        long activeDeadlineSeconds)
    {
        var run = observation.Run;
        var spec = observation.Spec;
        var labels = ChildNames.Labels(run, ChildNames.ProbeComponent);
        labels[ChildNames.ScenarioLabel] = scenario;
        labels[ChildNames.AttemptLabel] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var secret = spec.CredentialsSecret;
        var container = new V1Container
        {
            Name = "probes",
            Image = spec.Probe?.Image ?? settings.ProbeImage,
            Args =
            [
                .. ProbeCommandLine.RunArguments(
                    urls.AuthUrl, urls.BackendUrl, urls.AgentUrl, [scenario], profile: ProbeProfile(spec.Profile)),
            ],
            TerminationMessagePath = ProbeCommandLine.TerminationLogPath,
            Resources = spec.Probe?.Resources,
            // Not optional: a Secret that is missing keeps the pod from starting, which the run reports at once
            // (CreateContainerConfigError), instead of probing with no credentials.
            EnvFrom = secret is null
                ? null
                : [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = secret, Optional = false } }],
            VolumeMounts = [RestrictedPod.TempMount()],
        };
        var pod = new V1PodSpec { AutomountServiceAccountToken = false, Containers = [container], Volumes = [RestrictedPod.TempVolume()] };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.ProbeJob(run, attempt, spec.ScenarioIndex(scenario)),
                NamespaceProperty = run.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = ChildNames.Annotations(run),
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = run.ApiVersion, Kind = run.Kind, Name = run.Metadata.Name, Uid = run.Metadata.Uid, Controller = true,
                    },
                ],
            },
            Spec = RestrictedPod.RunOnce(pod, labels, activeDeadlineSeconds),
        };
    }
}
