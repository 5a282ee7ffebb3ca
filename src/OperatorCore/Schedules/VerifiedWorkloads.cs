using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// Which workloads a rollout-triggered run verifies, at which revision: an annotation on the run
/// (<c>Deployment/NS/NAME@REVISION</c>, comma-separated), so that its verdict can be written back to them once it ends.
/// </summary>
public static class VerifiedWorkloads
{
    public const string RunAnnotation = "netra.io/verifies";

    public static string? AnnotationValue(IEnumerable<WorkloadRevision> workloads)
    {
        var verified = workloads.Where(w => w.Kind is WorkloadKinds.Deployment or WorkloadKinds.StatefulSet)
            .Select(w => $"{w.Kind}/{w.Namespace}/{w.Name}@{w.Revision}")
            .ToList();
        return verified.Count == 0 ? null : string.Join(",", verified);
    }

    public static IReadOnlyList<WorkloadRevision> Of(TestRun run) =>
        run.Metadata.Annotations?.TryGetValue(RunAnnotation, out var value) == true ? Parse(value) : [];

    private static List<WorkloadRevision> Parse(string value) =>
    [
        .. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => (Path: item.Split('@', 2), Key: item.Split('@', 2)[0].Split('/')))
            .Where(item => item.Path.Length == 2 && item.Key.Length == 3)
            .Select(item => new WorkloadRevision
            {
                Kind = item.Key[0], Namespace = item.Key[1], Name = item.Key[2], Revision = item.Path[1],
            }),
    ];
}
