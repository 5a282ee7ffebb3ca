using k8s;
using k8s.Models;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Reads a workload's ReplicaSets and pods from the API server to count its <see cref="OldPods"/>: only for a rollout that
/// completed at a revision the schedule has not accounted for, so a quiet cluster costs no reads.
/// </summary>
public sealed class OldPodReader(IKubernetes client)
{
    public async Task<int> CountAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        var (ns, selector) = (deployment.Metadata.NamespaceProperty, Selector(deployment.Spec?.Selector));
        var replicaSets = await client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        return OldPods.Of(deployment, replicaSets.Items, pods.Items);
    }

    public async Task<int> CountAsync(V1StatefulSet statefulSet, CancellationToken cancellationToken)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(
            statefulSet.Metadata.NamespaceProperty, labelSelector: Selector(statefulSet.Spec?.Selector), cancellationToken: cancellationToken);
        return OldPods.Of(statefulSet, pods.Items);
    }

    private static string Selector(V1LabelSelector? selector) => LabelSelectors.ToQuery(selector ?? new V1LabelSelector());
}
