using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// Where a run that has not started stands against the caps on runs in progress: how many are in progress, and how
/// many wait before it (created earlier), in its namespace and in all. First come, first served.
/// </summary>
public sealed record QueuePlace(int ActiveInNamespace, int AheadInNamespace, int ActiveTotal, int AheadTotal)
{
    public static readonly QueuePlace Empty = new(0, 0, 0, 0);

    /// <summary>A run is in progress from its start time until it finishes; a queued run has no start time.</summary>
    public static QueuePlace Of(TestRun run, IEnumerable<TestRun> runs)
    {
        var others = runs
            .Where(r => r.Metadata.Uid != run.Metadata.Uid && r.Metadata.DeletionTimestamp is null)
            .Where(r => r.Status?.Phase is not (Phases.Succeeded or Phases.Failed))
            .ToList();
        var active = others.Where(r => r.Status?.StartTime is not null).ToList();
        var ahead = others.Where(r => r.Status?.StartTime is null && Before(r, run)).ToList();
        var ns = run.Metadata.NamespaceProperty;
        return new QueuePlace(
            active.Count(r => r.Metadata.NamespaceProperty == ns),
            ahead.Count(r => r.Metadata.NamespaceProperty == ns),
            active.Count,
            ahead.Count);
    }

    /// <summary>Why the run must wait, or null when it may start.</summary>
    public string? WaitReason(TenantPolicy policy, string ns) =>
        ActiveInNamespace + AheadInNamespace >= policy.MaxActiveRunsPerNamespace
            ? $"Queued: {ActiveInNamespace} runs in progress in namespace {ns} and {AheadInNamespace} waiting before this one; "
                + $"the operator runs at most {policy.MaxActiveRunsPerNamespace} at once in a namespace."
        : ActiveTotal + AheadTotal >= policy.MaxActiveRuns
            ? $"Queued: {ActiveTotal} runs in progress and {AheadTotal} waiting before this one; "
                + $"the operator runs at most {policy.MaxActiveRuns} at once."
        : null;

    private static bool Before(TestRun other, TestRun run)
    {
        var (a, b) = (other.Metadata.CreationTimestamp ?? DateTime.MaxValue, run.Metadata.CreationTimestamp ?? DateTime.MaxValue);
        return a < b || (a == b && string.CompareOrdinal(ObjectKeyOf(other), ObjectKeyOf(run)) < 0);
    }

    private static string ObjectKeyOf(TestRun run) => $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}";
}
