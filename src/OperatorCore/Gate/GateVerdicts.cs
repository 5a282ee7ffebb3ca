using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;

namespace Netra.Operator.Core.Gate;

/// <summary>A TestRun's status read as the gate's answer: passed, failed, or still in progress.</summary>
public static class GateVerdicts
{
    /// <param name="reportUrl">A URL with <c>{namespace}</c> and <c>{name}</c> in it, or null for the results command.</param>
    public static GateVerdict Of(TestRun run, string? reportUrl)
    {
        var ns = run.Metadata.NamespaceProperty;
        var name = run.Metadata.Name;
        var status = run.Status;
        var phase = status?.Phase ?? Phases.Pending;
        // A finished run whose spec or rerun annotation changed runs again: its old outcome must not open a gate.
        var verdict = status is null || RunStatuses.RerunRequested(run, status) ? Verdicts.InProgress
            : phase == Phases.Succeeded ? Verdicts.Passed
            : phase == Phases.Failed ? Verdicts.Failed
            : Verdicts.InProgress;
        var condition = verdict == Verdicts.InProgress ? ConditionTypes.Ready : ConditionTypes.Finished;
        return new GateVerdict
        {
            Verdict = verdict,
            Passed = verdict == Verdicts.Passed,
            Failed = verdict == Verdicts.Failed,
            Namespace = ns,
            Name = name,
            Phase = phase,
            Revision = run.Spec.Revision,
            FailedScenarios = verdict == Verdicts.Failed ? FailedNames(status, quarantined: false) : [],
            QuarantinedScenarios = verdict == Verdicts.InProgress ? [] : FailedNames(status, quarantined: true),
            Message = status?.Conditions.Find(condition)?.Message ?? string.Empty,
            Report = reportUrl is null
                ? $"netra-operator results {name} -n {ns}"
                : reportUrl.Replace("{namespace}", Uri.EscapeDataString(ns), StringComparison.Ordinal)
                    .Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal),
        };
    }

    private static IReadOnlyList<string> FailedNames(TestRunStatus? status, bool quarantined) =>
        [.. (status?.Scenarios ?? [])
            .Where(s => s.Result == ScenarioResults.Failed && (s.Quarantined == true) == quarantined)
            .Select(s => s.Name)];

    /// <summary>A schedule that has not started a run for <paramref name="revision"/> yet: in progress, not failed.</summary>
    public static GateVerdict NotStarted(string ns, string schedule, string? revision) => new()
    {
        Verdict = Verdicts.InProgress,
        Namespace = ns,
        Phase = NotStartedPhase,
        Revision = revision,
        Message = revision is null
            ? $"TestRunSchedule {schedule} has not started a run yet."
            : $"TestRunSchedule {schedule} has not started a run for revision {revision} yet.",
    };

    public const string NotStartedPhase = "NotStarted";
}
