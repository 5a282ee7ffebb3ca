using k8s.Models;

namespace Netra.Operator.Core.Controller;

/// <summary>
/// What keeps a Job's pod from getting anywhere, as the kubelet reports it: an image it cannot pull, a
/// configuration it cannot start with, a container killed for memory or restarting in a loop. Found while the
/// Job still runs, so that a run says why within seconds instead of waiting for its deadline.
/// </summary>
public static class PodProblems
{
    private static readonly HashSet<string> StuckWaiting = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "CrashLoopBackOff",
    };

    /// <summary>The first problem among the pods, as <c>pod P, container C: Reason: message</c>, or null.</summary>
    public static string? Find(IEnumerable<V1Pod> pods) =>
        pods.SelectMany(pod => (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? [])
                .Select(container => Describe(pod, container)))
            .FirstOrDefault(problem => problem is not null);

    private static string? Describe(V1Pod pod, V1ContainerStatus container)
    {
        var where = $"pod {pod.Metadata.Name}, container {container.Name}";
        if (container.State?.Waiting is { Reason: { } reason } waiting && StuckWaiting.Contains(reason))
        {
            return $"{where}: {reason}: {waiting.Message}".TrimEnd(' ', ':');
        }

        return (container.State?.Terminated ?? container.LastState?.Terminated) is { Reason: "OOMKilled" }
            ? $"{where}: OOMKilled: the container used more memory than its limit"
            : null;
    }
}
