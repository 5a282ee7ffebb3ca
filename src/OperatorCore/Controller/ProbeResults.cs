using Netra.Operator.Core.Status;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Controller;

/// <summary>Scenario outcomes of a finished probe Job, read from its pod's termination message.</summary>
public static class ProbeResults
{
    public static IReadOnlyList<ScenarioOutcome> FromJob(JobObservation job, IReadOnlyList<string> scenarios, int attempt)
    {
        var summary = TerminationMessage.Parse(job.TerminationMessage);
        return [.. scenarios.Select(name =>
        {
            var reported = summary?.Scenarios.FirstOrDefault(s => s.Name == name);
            if (reported is null)
            {
                var why = job.FailureReason ?? (job.TerminationMessage is null ? "no termination message" : "an unreadable termination message");
                return new ScenarioOutcome(name, 0, 0, 0, 1, 0, [new FailedCase(name, $"The probe pod of Job {job.Name} ended without a result for this scenario ({why}).")], attempt);
            }

            var counts = reported.Counts;
            var failures = summary!.Failures
                .Where(f => f.Id.StartsWith(name + "/", StringComparison.Ordinal))
                .Select(f => new FailedCase(f.Id, f.Message))
                .ToList();
            return new ScenarioOutcome(name, counts.Passed, counts.Failed, counts.Skipped, counts.Errors, reported.DurationMs, failures, attempt);
        })];
    }
}
