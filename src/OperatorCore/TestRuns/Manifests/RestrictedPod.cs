using k8s.Models;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>What the Pod Security "restricted" profile asks of every pod and container the operator creates.</summary>
public static class RestrictedPod
{
    public const long NonRootUser = 65532;

    public static V1PodSecurityContext PodSecurity() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = NonRootUser,
        RunAsGroup = NonRootUser,
        FsGroup = NonRootUser,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1SecurityContext ContainerSecurity() => new()
    {
        RunAsNonRoot = true,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>The installer's registry pull secrets, or null for none.</summary>
    public static List<V1LocalObjectReference>? PullSecrets(ControllerSettings settings) =>
        settings.ImagePullSecrets.Count == 0 ? null : [.. settings.ImagePullSecrets.Select(name => new V1LocalObjectReference { Name = name })];

    /// <summary>A writable /tmp, since the root filesystem is read-only.</summary>
    public static V1Volume TempVolume() => new() { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() };

    public static V1VolumeMount TempMount() => new() { Name = "tmp", MountPath = "/tmp" };

    /// <summary>One attempt, no restarts, a deadline: the operator, not the Job, decides about retries.</summary>
    public static V1JobSpec RunOnce(V1PodSpec pod, IDictionary<string, string> labels, long activeDeadlineSeconds)
    {
        pod.RestartPolicy = "Never";
        pod.SecurityContext = PodSecurity();
        foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers))
        {
            container.SecurityContext = ContainerSecurity();
            container.TerminationMessagePolicy = "FallbackToLogsOnError";
        }

        return new V1JobSpec
        {
            BackoffLimit = 0,
            ActiveDeadlineSeconds = activeDeadlineSeconds,
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = pod },
        };
    }
}
