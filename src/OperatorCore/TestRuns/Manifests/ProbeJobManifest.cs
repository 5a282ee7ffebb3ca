using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>
/// One scenario's attempt: <c>netra-probes run</c> for that scenario, in the run's own namespace
/// (where its credentials Secret is), owned by the run. Results come back in the termination message.
/// </summary>
public static class ProbeJobManifest
{
    /// <summary>The CRD's profile (<c>Safe</c>, <c>Full</c>) as the probes' option spells it.</summary>
    public static string ProbeProfile(string profile) => profile == Profiles.Safe ? ProbeProfiles.Safe : ProbeProfiles.Full;

    /// <summary>
    /// One key of the credentials Secret, by name: the pod gets nothing else from it. The first user's keys are not
    /// optional, so that a Secret that is missing, or was not written for the probes, keeps the pod from starting,
    /// which the run reports at once (CreateContainerConfigError), instead of probing with no credentials.
    /// </summary>
    public static V1EnvVar FromSecret(string secret, string key) => new()
    {
        Name = key,
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key, Optional = !CredentialVariables.Required.Contains(key) },
        },
    };

    /// <summary>
    /// How long a probe's preflight may wait for the services: half of what the Job has left, at most the installer's
    /// <paramref name="most"/>, so that services that never come up end the run PreflightFailed, saying what was seen,
    /// not TimedOut.
    /// </summary>
    public static TimeSpan PreflightBudget(long activeDeadlineSeconds, TimeSpan most) =>
        TimeSpan.FromSeconds(Math.Clamp(activeDeadlineSeconds / 2, 1, Math.Max(1, (long)most.TotalSeconds)));

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
                    urls.AuthUrl, urls.BackendUrl, urls.AgentUrl, [scenario], profile: ProbeProfile(spec.Profile),
                    preflightTimeout: PreflightBudget(activeDeadlineSeconds, settings.ProbePreflightBudget)),
            ],
            TerminationMessagePath = ProbeCommandLine.TerminationLogPath,
            Resources = spec.Probe?.Resources,
            Env = secret is null ? null : [.. CredentialVariables.All.Select(key => FromSecret(secret, key))],
            VolumeMounts = [RestrictedPod.TempMount()],
        };
        var pod = new V1PodSpec
        {
            AutomountServiceAccountToken = false,
            ImagePullSecrets = RestrictedPod.PullSecrets(settings),
            Containers = [container],
            Volumes = [RestrictedPod.TempVolume()],
        };
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
