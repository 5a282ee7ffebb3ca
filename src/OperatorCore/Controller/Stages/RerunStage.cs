using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Controller.Stages;

/// <summary>
/// A finished run runs again when its spec changed since it started (a newer generation) or when the
/// <c>netra.io/rerun</c> annotation got a new value. An Ephemeral run's namespace goes first; then the status
/// starts over as the next run, the one that ended kept at the head of a bounded history.
/// </summary>
public static class RerunStage
{
    public const int HistoryLimit = 5;

    public static bool Requested(TestRun run, TestRunStatus finished) =>
        (run.Metadata.Generation ?? 1) > (finished.ObservedGeneration ?? 1) || RerunValue(run) != finished.Rerun;

    public static TestRunDecision Decide(TestRunObservation observation, TestRunStatus finished, DateTimeOffset now)
    {
        var run = observation.Run;
        switch (observation.EnvironmentNamespace)
        {
            case ChildPresence.Present:
                return new TestRunDecision(
                    [new DeleteNamespace(ChildNames.EnvironmentNamespace(run))], null, CleanupStage.TerminatingPollInterval);
            case ChildPresence.Terminating:
                return new TestRunDecision([], null, CleanupStage.TerminatingPollInterval);
        }

        var generation = run.Metadata.Generation ?? 1;
        var next = (finished.Run ?? 1) + 1;
        var why = generation > (finished.ObservedGeneration ?? 1) ? "the spec changed" : "a re-run was requested";
        var status = new TestRunStatus
        {
            Phase = Phases.Pending,
            ObservedGeneration = generation,
            Run = next,
            Rerun = RerunValue(run),
            History = [Record(finished), .. finished.History.Take(HistoryLimit - 1)],
            Conditions = RunConditions.InProgress(Phases.Pending, $"Run {next} starts: {why}.", generation, now, finished.Conditions),
        };
        return new TestRunDecision([], status, TimeSpan.Zero);
    }

    /// <summary>
    /// A run's first status records which run it is and the annotation it started with, so that only a change re-runs it.
    /// </summary>
    public static TestRunStatus FirstRun(TestRun run, TestRunStatus status) =>
        status.Run is null ? status with { Run = 1, Rerun = RerunValue(run) } : status;

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
