using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Where a workload's rollout stands, read from the status its controller writes. The revision of a Deployment is a
/// hash of its pod template (what the deployment controller's <c>pod-template-hash</c> stands for); of a StatefulSet,
/// its <c>status.updateRevision</c>.
/// </summary>
public static class RolloutProgress
{
    private const string HashOnlyAnnotation = "netra.io/template-hash";

    public static ObservedWorkload Of(V1Deployment deployment)
    {
        var status = deployment.Status ?? new V1DeploymentStatus();
        var wanted = deployment.Spec?.Replicas ?? 1;
        var complete = (status.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0)
            && (status.UpdatedReplicas ?? 0) >= wanted
            && (status.Replicas ?? 0) <= (status.UpdatedReplicas ?? 0)
            && (status.AvailableReplicas ?? 0) >= (status.UpdatedReplicas ?? 0)
            && (status.ReadyReplicas ?? 0) >= wanted;
        return Observed(deployment.Metadata, WorkloadKinds.Deployment, TemplateHash(deployment.Spec?.Template), complete);
    }

    public static ObservedWorkload Of(V1StatefulSet statefulSet)
    {
        var status = statefulSet.Status ?? new V1StatefulSetStatus();
        var wanted = statefulSet.Spec?.Replicas ?? 1;
        var revision = status.UpdateRevision is { Length: > 0 } update ? update : TemplateHash(statefulSet.Spec?.Template);
        var complete = (status.ObservedGeneration ?? 0) >= (statefulSet.Metadata.Generation ?? 0)
            && (status.UpdatedReplicas ?? 0) >= wanted
            && (status.ReadyReplicas ?? 0) >= wanted
            && (status.CurrentRevision is null || status.CurrentRevision == status.UpdateRevision);
        return Observed(statefulSet.Metadata, WorkloadKinds.StatefulSet, revision, complete);
    }

    private static ObservedWorkload Observed(V1ObjectMeta metadata, string kind, string revision, bool complete) => new(
        new WorkloadRevision { Kind = kind, Namespace = metadata.NamespaceProperty, Name = metadata.Name, Revision = revision },
        complete,
        metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        metadata.Labels,
        metadata.Annotations);

    /// <summary>
    /// A pod template reduced to its hash, what the watch cache keeps of it (<see cref="CachedWorkloads"/>): its revision
    /// stays the same, reduced or not.
    /// </summary>
    public static V1PodTemplateSpec HashOnly(V1PodTemplateSpec? template) => new()
    {
        Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { [HashOnlyAnnotation] = TemplateHash(template) } },
    };

    private static string TemplateHash(V1PodTemplateSpec? template)
    {
        if (template is { Spec: null, Metadata.Annotations: { } annotations } && annotations.TryGetValue(HashOnlyAnnotation, out var hash))
        {
            return hash;
        }

        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(template is null ? string.Empty : KubernetesJson.Serialize(template)));
        return Convert.ToHexStringLower(bytes)[..10];
    }
}
