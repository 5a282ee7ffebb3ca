using System.Globalization;
using k8s.Models;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// The pods of a workload that still run an older revision, terminating ones included: a completed rollout counts only
/// once there are none, so that no probe reaches an old pod. A Deployment's current pods are those of its ReplicaSet
/// with the highest <c>deployment.kubernetes.io/revision</c>; a StatefulSet's carry its <c>status.updateRevision</c> as
/// their <c>controller-revision-hash</c>. Pods that have ended (Succeeded, Failed) answer nothing and do not count.
/// </summary>
public static class OldPods
{
    public const string StatefulSetRevisionLabel = "controller-revision-hash";

    public static int Of(V1Deployment deployment, IEnumerable<V1ReplicaSet> replicaSets, IEnumerable<V1Pod> pods)
    {
        var owned = replicaSets.Where(set => ControlledBy(set.Metadata, deployment.Metadata.Uid)).ToList();
        var current = owned.MaxBy(Revision)?.Metadata.Uid;
        var old = owned.Select(set => set.Metadata.Uid).Where(uid => uid != current).ToHashSet(StringComparer.Ordinal);
        return pods.Count(pod => Running(pod) && old.Any(uid => ControlledBy(pod.Metadata, uid)));
    }

    public static int Of(V1StatefulSet statefulSet, IEnumerable<V1Pod> pods)
    {
        var revision = statefulSet.Status?.UpdateRevision;
        return pods.Count(pod => Running(pod) && ControlledBy(pod.Metadata, statefulSet.Metadata.Uid)
            && Label(pod.Metadata, StatefulSetRevisionLabel) != revision);
    }

    private static long Revision(V1ReplicaSet set) =>
        set.Metadata.Annotations?.TryGetValue(VerdictWriteback.DeploymentRevisionAnnotation, out var value) == true
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : -1;

    private static string? Label(V1ObjectMeta metadata, string key) =>
        metadata.Labels?.TryGetValue(key, out var value) == true ? value : null;

    private static bool Running(V1Pod pod) => pod.Status?.Phase is not ("Succeeded" or "Failed");

    private static bool ControlledBy(V1ObjectMeta metadata, string uid) =>
        metadata.OwnerReferences?.Any(owner => owner.Controller == true && owner.Uid == uid) == true;
}
