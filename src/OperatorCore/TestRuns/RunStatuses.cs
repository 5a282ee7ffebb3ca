using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// The one maker of a TestRun's status: queued, in progress, ended, the next run, a deploy state. Each status is whole
/// (it is written whole): what the current run started with (which run, the generation, the re-run annotation, its start
/// time, the history of earlier runs) is carried from the status before it; the next run starts from nothing but that
/// history.
/// </summary>
public static class RunStatuses
{
    public static TestRunStatus Queued(TestRun run, string why, DateTimeOffset now)
    {
        var current = Current(run);
        var generation = Generation(run, current);
        return current with
        {
            Phase = Phases.Pending,
            ObservedGeneration = generation,
            Conditions = RunConditions.InProgress(Reasons.Queued, why, generation, now, current.Conditions),
        };
    }

    public static TestRunStatus InProgress(TestRun run, string phase, string message, EnvironmentStatus environment, DateTimeOffset now)
    {
        var current = Current(run);
        var generation = Generation(run, current);
        return current with
        {
            Phase = phase,
            ObservedGeneration = generation,
            Conditions = RunConditions.InProgress(phase, message, generation, now, current.Conditions),
            StartTime = current.StartTime ?? now,
            Environment = environment,
        };
    }

    /// <summary>
    /// Every scenario done: Succeeded only when every scenario that failed is quarantined (<see cref="Quarantine"/>, as
    /// <c>spec.quarantine</c> stands at <paramref name="now"/>) and a case passed or a quarantined scenario failed.
    /// </summary>
    public static TestRunStatus Completed(
        TestRun run, IReadOnlyList<ScenarioOutcome> outcomes, EnvironmentStatus environment, DateTimeOffset now)
    {
        var summary = ResultsStatus.Summarize(outcomes);
        var quarantine = Quarantine.At(run.Spec.Quarantine ?? [], now);
        var succeeded = !quarantine.FailsRun(outcomes) && (summary.Passed > 0 || quarantine.ExcusedFailures(outcomes).Count > 0);
        var message = RunMessages.Outcome(summary, outcomes, quarantine);
        return Ended(run, succeeded ? null : Reasons.TestsFailed, message, now, environment, outcomes, quarantine);
    }

    /// <summary>Ended before its scenarios were done: what finished is kept, the others listed as not run.</summary>
    public static TestRunStatus Failed(
        TestRun run,
        string reason,
        string message,
        EnvironmentStatus environment,
        DateTimeOffset now,
        IReadOnlyList<ScenarioOutcome>? partial = null)
    {
        var described = partial is null || partial.All(o => !o.Ran)
            ? message
            : RunMessages.EndedEarly(message, ResultsStatus.Summarize(partial), partial);
        return Ended(run, reason, described, now, environment, partial);
    }

    /// <summary>
    /// The next run of a finished TestRun: Pending, no start time (it is queued like any run, and its timeout counts
    /// from its own start), the finished run at the head of a bounded history.
    /// </summary>
    public static TestRunStatus NextRun(TestRun run, TestRunStatus finished, DateTimeOffset now)
    {
        var generation = run.Metadata.Generation ?? 1;
        var next = (finished.Run ?? 1) + 1;
        var message = RunMessages.NextRun(next, specChanged: generation > (finished.ObservedGeneration ?? 1));
        return new TestRunStatus
        {
            Phase = Phases.Pending,
            ObservedGeneration = generation,
            Run = next,
            Rerun = RerunValue(run),
            History = [Record(finished), .. finished.History.Take(HistoryLimit - 1)],
            Conditions = RunConditions.InProgress(Phases.Pending, message, generation, now, finished.Conditions),
        };
    }

    public static TestRunStatus WithDeployState(TestRunStatus status, string state) =>
        status with { Environment = (status.Environment ?? new EnvironmentStatus()) with { DeployState = state } };

    /// <summary>Earlier runs kept in <see cref="TestRunStatus.History"/>.</summary>
    public const int HistoryLimit = 5;

    /// <summary>A finished run runs again when its spec changed since it started or the re-run annotation got a new value.</summary>
    public static bool RerunRequested(TestRun run, TestRunStatus finished) =>
        (run.Metadata.Generation ?? 1) > (finished.ObservedGeneration ?? 1) || RerunValue(run) != finished.Rerun;

    private static TestRunStatus Ended(
        TestRun run,
        string? failureReason,
        string message,
        DateTimeOffset now,
        EnvironmentStatus environment,
        IReadOnlyList<ScenarioOutcome>? outcomes,
        Quarantine? quarantine = null)
    {
        var current = Current(run);
        var generation = Generation(run, current);
        var started = current.StartTime ?? now;
        return current with
        {
            Phase = failureReason is null ? Phases.Succeeded : Phases.Failed,
            ObservedGeneration = generation,
            Conditions = failureReason is null
                ? RunConditions.Succeeded(message, generation, now, current.Conditions)
                : RunConditions.Failed(failureReason, message, generation, now, current.Conditions),
            StartTime = started,
            CompletionTime = now,
            Duration = GoDuration.Format(now - started),
            Environment = environment,
            Summary = outcomes is null ? current.Summary : ResultsStatus.Summarize(outcomes),
            Scenarios = outcomes is null ? current.Scenarios : ResultsStatus.Scenarios(outcomes, quarantine),
        };
    }

    /// <summary>The current run's status; the first one records which run it is and the annotation it started with.</summary>
    private static TestRunStatus Current(TestRun run)
    {
        var status = run.Status ?? new TestRunStatus();
        return status.Run is null ? status with { Run = 1, Rerun = RerunValue(run) } : status;
    }

    /// <summary>The generation this run started with: an edit during the run makes it run again once it ends.</summary>
    private static long Generation(TestRun run, TestRunStatus current) => current.ObservedGeneration ?? run.Metadata.Generation ?? 1;

    private static string? RerunValue(TestRun run) =>
        run.Metadata.Annotations is { } annotations && annotations.TryGetValue(ChildNames.RerunAnnotation, out var value) ? value : null;

    private static RunRecord Record(TestRunStatus finished) => new()
    {
        Run = finished.Run ?? 1,
        Phase = finished.Phase,
        Reason = finished.Conditions.Find(ConditionTypes.Ready)?.Reason,
        Summary = finished.Summary,
        StartTime = finished.StartTime,
        CompletionTime = finished.CompletionTime,
    };
}
