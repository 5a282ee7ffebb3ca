using System.Globalization;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.TestRuns;

/// <summary>Every message a TestRun's conditions and Events say to people, in one place.</summary>
public static class RunMessages
{
    public static string Deploying(string ns) => $"Deploying auth, agent and backend into namespace {ns}.";

    public static string TimedOut(string timeout) => $"The run did not finish within its timeout of {timeout}.";

    public static string NamespaceLost(string ns) => $"Namespace {ns} was deleted while the run needed it.";

    public static string NamespaceForeign(string ns) =>
        $"Namespace {ns} exists and was not created for this run; the operator does not deploy into a namespace it did not create.";

    public static string DeployJobFailed(string job, string why) => $"The deploy Job {job} failed: {why}";

    public static string DeployStuck(string problem) => $"The deploy cannot go on: {problem}";

    /// <summary>A deploy failure, and where its evidence (helm's output, the pods' state, Events and logs) is kept.</summary>
    public static string WithEvidence(string failure, TestRun run) =>
        $"{Sentence(failure)} Evidence: netra-operator results {run.Metadata.Name} -n {run.Metadata.NamespaceProperty}";

    private static string Sentence(string text) => text.TrimEnd().EndsWith('.') ? text.TrimEnd() : $"{text.TrimEnd()}.";

    public static string NextRun(int next, bool specChanged) =>
        $"Run {next} starts: {(specChanged ? "the spec changed" : "a re-run was requested")}.";

    public static string Cancelled(string why) => $"The run was cancelled: {why}.";

    public static string Rejected(IEnumerable<string> problems) => string.Join(" ", problems);

    public static string Probing(IEnumerable<string> probing, int finished, int total, IReadOnlyList<string> retrying)
    {
        var message = $"Probing {string.Join(", ", probing)}; {finished} of {total} scenarios finished.";
        return retrying.Count > 0 ? $"{message} Retrying {string.Join(", ", retrying)}." : message;
    }

    /// <summary>
    /// The cases counted; the scenarios that passed only on a retry; with a quarantine, the quarantined scenarios that
    /// failed and the entries that expired; then the first failure.
    /// </summary>
    public static string Outcome(TestSummary summary, IReadOnlyList<ScenarioOutcome> outcomes, Quarantine? quarantine = null)
    {
        var message = $"{summary.Passed} of {summary.Total} cases passed, {summary.Failed} failed, {summary.Errors} errors, {summary.Skipped} skipped.";
        var flaky = outcomes.Where(o => ResultsStatus.Result(o) == ScenarioResults.Flaky).Select(o => o.Name).ToList();
        if (flaky.Count > 0)
        {
            message += $" Flaky (passed on a retry): {string.Join(", ", flaky)}.";
        }

        if (quarantine?.ExcusedFailures(outcomes) is { Count: > 0 } excused)
        {
            message += $" Failed but quarantined: {string.Join(", ", excused)}.";
        }

        if (quarantine?.Expired is { Count: > 0 } expired)
        {
            var entries = expired.Select(e =>
                $"{e.Scenario} (until {e.Until!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})");
            message += $" Expired quarantine ignored: {string.Join(", ", entries)}.";
        }

        var firstFailure = outcomes.SelectMany(o => o.FailedCases).FirstOrDefault();
        return firstFailure is null ? message : $"{message} First failure: {firstFailure.Id}: {firstFailure.Message}";
    }

    /// <summary>Why a run ended early, and what the scenarios that finished found.</summary>
    public static string EndedEarly(string why, TestSummary summary, IReadOnlyList<ScenarioOutcome> outcomes) =>
        $"{why} {outcomes.Count(o => o.Ran)} of {outcomes.Count} scenarios finished: {Outcome(summary, outcomes)}";
}
