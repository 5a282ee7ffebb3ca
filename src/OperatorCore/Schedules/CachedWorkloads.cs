using k8s.Models;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// What the schedule controller keeps of a Deployment or StatefulSet in its watch cache, which holds every one of the
/// cluster: only what <see cref="RolloutProgress"/>, the triggers' selectors, <see cref="OldPodReader"/> and
/// <see cref="VerdictWriteback"/> read. Its pod template is kept as its hash alone (the revision), its annotations as the
/// two the controller reads; field managers, owners, the rest of the spec and status go. A workload of a few KiB then
/// costs the operator a few hundred bytes, however large a tenant makes it.
/// </summary>
public static class CachedWorkloads
{
    private static readonly string[] ReadAnnotations = [VerdictWriteback.Annotation, VerdictWriteback.DeploymentRevisionAnnotation];

    public static V1Deployment Keep(V1Deployment deployment) => new()
    {
        ApiVersion = deployment.ApiVersion,
        Kind = deployment.Kind,
        Metadata = Keep(deployment.Metadata),
        Spec = new V1DeploymentSpec
        {
            Replicas = deployment.Spec?.Replicas,
            Selector = deployment.Spec?.Selector,
            Template = RolloutProgress.HashOnly(deployment.Spec?.Template),
        },
        Status = deployment.Status is not { } status ? null : new V1DeploymentStatus
        {
            ObservedGeneration = status.ObservedGeneration,
            Replicas = status.Replicas,
            UpdatedReplicas = status.UpdatedReplicas,
            AvailableReplicas = status.AvailableReplicas,
            ReadyReplicas = status.ReadyReplicas,
        },
    };

    public static V1StatefulSet Keep(V1StatefulSet statefulSet) => new()
    {
        ApiVersion = statefulSet.ApiVersion,
        Kind = statefulSet.Kind,
        Metadata = Keep(statefulSet.Metadata),
        Spec = new V1StatefulSetSpec
        {
            Replicas = statefulSet.Spec?.Replicas,
            Selector = statefulSet.Spec?.Selector,
            Template = RolloutProgress.HashOnly(statefulSet.Spec?.Template),
        },
        Status = statefulSet.Status is not { } status ? null : new V1StatefulSetStatus
        {
            ObservedGeneration = status.ObservedGeneration,
            UpdatedReplicas = status.UpdatedReplicas,
            ReadyReplicas = status.ReadyReplicas,
            CurrentRevision = status.CurrentRevision,
            UpdateRevision = status.UpdateRevision,
        },
    };

    private static V1ObjectMeta Keep(V1ObjectMeta metadata) => new()
    {
        Name = metadata.Name,
        NamespaceProperty = metadata.NamespaceProperty,
        Uid = metadata.Uid,
        ResourceVersion = metadata.ResourceVersion,
        Generation = metadata.Generation,
        CreationTimestamp = metadata.CreationTimestamp,
        Labels = metadata.Labels,
        Annotations = metadata.Annotations?.Where(a => ReadAnnotations.Contains(a.Key)).ToDictionary() is { Count: > 0 } kept ? kept : null,
    };
}
