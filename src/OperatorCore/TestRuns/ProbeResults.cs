using Netra.Operator.Core.Status;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// A scenario's outcome from its finished probe Job, read from the pod's termination message, or from a Job whose
/// pod cannot run (an error naming why).
/// </summary>
public static class ProbeResults
{
    /// <summary>
    /// Why probing cannot go on at all, from one Job: its probes found a service unready before any case (their
    /// preflight), or its pod can never start (an image, a missing credentials Secret). Null when neither.
    /// </summary>
    public static string? PreflightFailure(JobObservation job) =>
        job.Problem is { } problem && PodProblems.KeepsFromStarting(problem) ? $"The probe pod of Job {job.Name} cannot start: {problem}"
        : job.Progress != JobProgress.Running && TerminationMessage.Parse(job.TerminationMessage)?.Aborted is { } aborted ? aborted
        : null;

    /// <summary>A finished Job's full JSON report: from its pod's log, or packed in its termination message; null when neither has it.</summary>
    public static string? Report(JobObservation job) => job.Report ?? PackedReport.Unpack(TerminationMessage.Parse(job.TerminationMessage)?.Report);

    public static ScenarioOutcome FromJob(JobObservation job, string scenario, int attempt)
    {
        if (job.Problem is { } stuck)
        {
            var cannotRun = new FailedCase(scenario, $"The probe pod of Job {job.Name} cannot run: {stuck}");
            return new ScenarioOutcome(scenario, 0, 0, 0, 1, 0, [cannotRun], attempt);
        }

        var summary = TerminationMessage.Parse(job.TerminationMessage);
        var reported = summary?.Scenarios.FirstOrDefault(s => s.Name == scenario);
        if (summary is null || reported is null)
        {
            var why = job.FailureReason
                ?? (job.TerminationMessage is null ? "no termination message" : "an unreadable termination message");
            var message = $"The probe pod of Job {job.Name} ended without a result for this scenario ({why}).";
            return new ScenarioOutcome(scenario, 0, 0, 0, 1, 0, [new FailedCase(scenario, message)], attempt);
        }

        var counts = reported.Counts;
        var failures = summary.Failures
            .Where(f => f.Id.StartsWith(scenario + "/", StringComparison.Ordinal))
            .Select(f => new FailedCase(f.Id, f.Message))
            .ToList();
        return new ScenarioOutcome(
            scenario, counts.Passed, counts.Failed, counts.Skipped, counts.Errors, reported.DurationMs, failures, attempt);
    }
}
