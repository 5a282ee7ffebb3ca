using k8s.Models;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// What keeps a Job's pod from getting anywhere, as the kubelet reports it: an image it cannot pull, a
/// configuration it cannot start with, a container killed for memory or restarting in a loop; or as the scheduler
/// reports it: a pod no node can take (Pending, PodScheduled False, Unschedulable), at once when it waits for a
/// PersistentVolumeClaim nothing binds, else once it has waited <see cref="UnschedulableGrace"/> (a node may be on its
/// way); or, in a pod of the operator's own (one attempt, never restarted), a container that exited with an error while
/// another still runs: the pod is bound to fail, but only once the others end (the deploy pod's three helm releases run
/// side by side). Found while the Job still runs, so that a run says why within seconds instead of waiting for its deadline.
/// </summary>
public static class PodProblems
{
    /// <summary>The longest problem (or deploy failure) a status says: what a pod reports is bounded before it gets there.</summary>
    public const int MaxChars = 480;

    /// <summary>Reasons a container never starts: its image, or its configuration (a missing Secret).</summary>
    private static readonly HashSet<string> NeverStarts = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError",
    };

    /// <summary>How long a pod may stay unschedulable before it is a problem: time for an autoscaler to add a node.</summary>
    public static readonly TimeSpan UnschedulableGrace = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> StuckWaiting = new(NeverStarts, StringComparer.Ordinal) { "CrashLoopBackOff" };

    /// <summary>Whether a problem <see cref="Find"/> named keeps the container from ever starting (nothing of it ran).</summary>
    public static bool KeepsFromStarting(string problem) =>
        NeverStarts.Any(reason => problem.Contains($": {reason}", StringComparison.Ordinal));

    /// <summary>
    /// The first problem among the pods, as <c>pod P, container C: Reason: message</c> or <c>pod P: Unschedulable: message</c>,
    /// or null; <paramref name="now"/> tells how long a pod has been unschedulable.
    /// </summary>
    public static string? Find(IEnumerable<V1Pod> pods, DateTimeOffset now) =>
        pods.SelectMany(pod => (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? [])
                .Select(container => Describe(pod, container) ?? FailedBesideOthers(pod, container))
                .Append(Unschedulable(pod, now)))
            .FirstOrDefault(problem => problem is not null);

    private static string? Unschedulable(V1Pod pod, DateTimeOffset now)
    {
        var condition = pod.Status?.Conditions?.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False", Reason: "Unschedulable" });
        if (condition is null)
        {
            return null;
        }

        var message = condition.Message ?? string.Empty;
        var waited = condition.LastTransitionTime is { } since ? now - new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)) : TimeSpan.Zero;
        var unboundClaim = message.Contains("unbound immediate PersistentVolumeClaims", StringComparison.Ordinal);
        return unboundClaim || waited >= UnschedulableGrace
            ? PodText.OneLine($"pod {pod.Metadata.Name}: Unschedulable: {message}".TrimEnd(' ', ':'), MaxChars)
            : null;
    }

    private static string? FailedBesideOthers(V1Pod pod, V1ContainerStatus container)
    {
        var ownPod = pod.Metadata.Labels is { } labels && labels.TryGetValue(ChildNames.ManagedByLabel, out var by) && by == ChildNames.ManagedBy;
        if (!ownPod || container.State?.Terminated is not { ExitCode: not 0 } failed
            || !(pod.Status?.ContainerStatuses ?? []).Any(other => other.Name != container.Name && other.State?.Terminated is null))
        {
            return null;
        }

        var why = failed.Message is { Length: > 0 } message ? $": {message}" : string.Empty;
        return PodText.OneLine($"pod {pod.Metadata.Name}, container {container.Name}: exited {failed.ExitCode}{why}", MaxChars);
    }

    private static string? Describe(V1Pod pod, V1ContainerStatus container)
    {
        var where = $"pod {pod.Metadata.Name}, container {container.Name}";
        if (container.State?.Waiting is { Reason: { } reason } waiting && StuckWaiting.Contains(reason))
        {
            return PodText.OneLine($"{where}: {reason}: {waiting.Message}".TrimEnd(' ', ':'), MaxChars);
        }

        return (container.State?.Terminated ?? container.LastState?.Terminated) is { Reason: "OOMKilled" }
            ? $"{where}: OOMKilled: the container used more memory than its limit"
            : null;
    }
}
