using k8s.Models;

namespace Netra.Operator.Core.TestRuns.Evidence;

/// <summary>
/// What the observer read of a failed or stuck deploy's namespace, for <see cref="DeployEvidence"/> to choose from: its
/// pods, and for those <see cref="DeployEvidence.PodsToRead"/> chose, their Events and log tails, by pod name.
/// </summary>
public sealed record DeployFacts(
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyDictionary<string, IReadOnlyList<Corev1Event>> Events,
    IReadOnlyDictionary<string, PodLog> Logs);

/// <summary>A pod's log tail, or why it could not be read (the pod never started, its node does not answer).</summary>
public sealed record PodLog(string? Tail, string? Unreadable = null);
