using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;

namespace Netra.Operator.Core.Ui.Pages;

/// <summary>The runs page's filters, as its query string carries them; empty means any.</summary>
public sealed record RunsQuery(string? Namespace, string? Schedule, string? Phase, string? Reason, int Page)
{
    /// <summary>The runs that pass the filters, newest first, among those of <paramref name="readable"/> namespaces.</summary>
    public IReadOnlyList<TestRun> Apply(IEnumerable<TestRun> runs, IReadOnlySet<string> readable) =>
        [.. runs
            .Where(run => readable.Contains(run.Metadata.NamespaceProperty))
            .Where(run => Any(Namespace) || run.Metadata.NamespaceProperty == Namespace)
            .Where(run => Any(Schedule) || ScheduleOf(run) == Schedule)
            .Where(run => Any(Phase) || (run.Status?.Phase ?? Phases.Pending) == Phase)
            .Where(run => Any(Reason) || Html.Verdict(run.Status)?.Reason == Reason)
            .OrderByDescending(run => run.Metadata.CreationTimestamp)
            .ThenBy(run => run.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(run => run.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>The schedule that created the run, from its owner reference; null for a run of its own.</summary>
    public static string? ScheduleOf(TestRun run) => ScheduledRuns.OwnerKey(run)?.Split('/')[1];

    /// <summary>This query on another page of its results.</summary>
    public string Link(int page) =>
        "/runs?" + string.Join('&', new (string Key, string? Value)[]
            {
                ("namespace", Namespace), ("schedule", Schedule), ("phase", Phase), ("reason", Reason),
                ("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
            }
            .Where(p => !Any(p.Value))
            .Select(p => $"{p.Key}={Html.U(p.Value)}"));

    private static bool Any(string? value) => string.IsNullOrEmpty(value);
}
