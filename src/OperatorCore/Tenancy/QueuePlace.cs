using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// Where a run that has not started stands against the caps on runs in progress. Within a namespace, first come first
/// served; across namespaces, round-robin: every namespace's first waiting run comes before any namespace's second, and
/// a run that waits only for its own namespace holds no cluster-wide place, so one busy namespace never holds another.
/// </summary>
/// <param name="Ahead">
/// The waiting runs before this one in that order, each as how many runs come before it in its own namespace (in
/// progress, or waiting and created earlier): whether it could start depends on the namespace cap.
/// </param>
public sealed record QueuePlace(int ActiveInNamespace, int AheadInNamespace, int ActiveTotal, IReadOnlyList<int> Ahead)
{
    public static readonly QueuePlace Empty = new(0, 0, 0, []);

    /// <summary>A run is in progress from its start time until it finishes; a queued run has no start time.</summary>
    public static QueuePlace Of(TestRun run, IEnumerable<TestRun> runs)
    {
        var unfinished = runs
            .Where(r => r.Metadata.DeletionTimestamp is null && r.Status?.Phase is not (Phases.Succeeded or Phases.Failed))
            .Where(r => r.Metadata.Uid != run.Metadata.Uid)
            .Append(run)
            .ToList();
        var activeByNamespace = unfinished
            .Where(r => r.Status?.StartTime is not null)
            .GroupBy(r => r.Metadata.NamespaceProperty)
            .ToDictionary(g => g.Key, g => g.Count());
        var waiting = unfinished
            .Where(r => r.Status?.StartTime is null)
            .GroupBy(r => r.Metadata.NamespaceProperty)
            .SelectMany(g => g.OrderBy(Created).ThenBy(ObjectKeyOf, StringComparer.Ordinal).Select((r, place) => (Run: r, Place: place)))
            .Select(w => (w.Run, w.Place, Before: activeByNamespace.GetValueOrDefault(w.Run.Metadata.NamespaceProperty) + w.Place))
            .OrderBy(w => w.Place).ThenBy(w => Created(w.Run)).ThenBy(w => ObjectKeyOf(w.Run), StringComparer.Ordinal)
            .ToList();
        var own = waiting.FindIndex(w => w.Run.Metadata.Uid == run.Metadata.Uid);
        var ns = run.Metadata.NamespaceProperty;
        if (own < 0)
        {
            return new QueuePlace(activeByNamespace.GetValueOrDefault(ns), 0, activeByNamespace.Values.Sum(), []);
        }

        return new QueuePlace(
            activeByNamespace.GetValueOrDefault(ns),
            waiting[own].Place,
            activeByNamespace.Values.Sum(),
            [.. waiting.Take(own).Select(w => w.Before)]);
    }

    /// <summary>Why the run must wait, or null when it may start.</summary>
    public string? WaitReason(TenantPolicy policy, string ns)
    {
        if (ActiveInNamespace + AheadInNamespace >= policy.MaxActiveRunsPerNamespace)
        {
            return $"Queued for namespace {ns}: {ActiveInNamespace} runs in progress there and {AheadInNamespace} waiting before this "
                + $"one; the operator runs at most {policy.MaxActiveRunsPerNamespace} at once in a namespace.";
        }

        var ahead = Ahead.Count(before => before < policy.MaxActiveRunsPerNamespace);
        return ActiveTotal + ahead >= policy.MaxActiveRuns
            ? $"Queued for the cluster: {ActiveTotal} runs in progress and {ahead} that may start waiting before this one "
                + $"(one namespace at a time in turn); the operator runs at most {policy.MaxActiveRuns} at once."
            : null;
    }

    private static DateTime Created(TestRun run) => run.Metadata.CreationTimestamp ?? DateTime.MaxValue;

    private static string ObjectKeyOf(TestRun run) => $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}";
}
