using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Core.Uninstall;

/// <summary>The lines <c>netra-operator uninstall</c> writes on standard error: progress, then one line to end with.</summary>
public static class UninstallReport
{
    /// <summary>The way out when the operator cannot finish, from docs/uninstall.md.</summary>
    public const string ManualFix =
        $"A TestRun being deleted waits for the running operator to remove its finalizer {ChildNames.Finalizer}: check that the "
        + "operator runs, or remove the finalizer and the run's namespace by hand (docs/uninstall.md#leftovers): "
        + """kubectl patch testrun/NAME -n NS --type=merge -p '{"metadata":{"finalizers":null}}'; """
        + $"kubectl delete namespaces -l {ChildNames.RunNameLabel}";

    public static string Waiting(Leftovers left) => $"waiting for {left}";

    public static string Retrying(string problem) => $"retrying: {problem}";

    public static string Done(int deletedSchedules, int deletedRuns) =>
        deletedSchedules + deletedRuns == 0
            ? "No TestRunSchedule or TestRun to delete."
            : $"Deleted {Leftovers.Counted(deletedSchedules, deletedRuns)}; none is left.";

    /// <summary>
    /// One line: why the wait ended (<c>timed out after 5m0s</c>, <c>SIGTERM received</c>), what is left, the last error if the
    /// last attempt failed, and the manual fix when TestRuns are left. <paramref name="left"/> is null when nothing could be listed.
    /// </summary>
    public static string GaveUp(string why, Leftovers? left, string? problem) => left switch
    {
        null => $"netra-operator: {why}: {problem ?? "nothing listed yet"}",
        _ => $"netra-operator: {why} with {left.Count} left: {left.Names}."
            + (problem is null ? string.Empty : $" Last error: {problem}.")
            + (left.Runs.Count > 0 ? $" {ManualFix}" : string.Empty),
    };
}
