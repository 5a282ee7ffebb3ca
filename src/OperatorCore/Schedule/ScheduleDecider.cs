using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedule.Stages;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Schedule;

/// <summary>
/// The pure heart of the schedule controller: from the schedule, its runs, the watched workloads and the time, the runs
/// to start and delete, the next status and when to look again. Results are recorded before history is pruned;
/// what fired (a cron occurrence, settled rollouts, a queued trigger) merges into one trigger, which the concurrency
/// policy starts, queues or lets replace the active runs.
/// </summary>
public static class ScheduleDecider
{
    /// <summary>How often the objects of readiness triggers are read.</summary>
    public static readonly TimeSpan ReadinessPoll = TimeSpan.FromSeconds(10);

    public static ScheduleDecision Decide(ScheduleObservation observation, DateTimeOffset now)
    {
        var schedule = observation.Schedule;
        var spec = observation.Spec;
        var before = schedule.Status ?? new TestRunScheduleStatus();
        var generation = schedule.Metadata.Generation ?? 0;
        var results = ResultsStage.Record(before.Results, observation.Runs);
        var status = before with
        {
            ObservedGeneration = generation,
            Results = results,
            PassRate = Flakiness.PassRate(results),
            Scenarios = Flakiness.Scenarios(results),
        };
        status = status with { FlakyScenarios = status.Scenarios.Count(s => s.Flaky) };
        var actions = new List<ScheduleAction>(HistoryStage.Prune(observation.Runs, before.Results, spec));
        var active = observation.Runs.Where(r => !ScheduledRuns.IsFinished(r) && r.Metadata.DeletionTimestamp is null).ToList();
        if (spec.Problems.Count > 0)
        {
            var message = string.Join(" ", spec.Problems);
            return Decided(actions, status, active, Conditions(before, false, Reasons.InvalidSpec, message, generation, now), null);
        }

        if (spec.Suspend)
        {
            var suspended = Conditions(before, true, "Suspended", "Suspended: no run starts.", generation, now);
            return Decided(actions, status, active, suspended, null);
        }

        TimeSpan? wait = null;
        TimeSpan? untilCron = null;
        RunTrigger? fired = before.QueuedTrigger;
        if (spec.Cron is { } cron)
        {
            var (due, untilNext) = CronStage.Decide(cron, schedule, now);
            wait = untilNext;
            untilCron = untilNext;
            if (due is not null)
            {
                status = status with { LastScheduleTime = due.Time };
                fired = Merge(fired, due);
            }
        }

        var rollingOut = false;
        if (spec.Rollouts is not null || spec.Readiness.Count > 0)
        {
            var watched = WatchedWorkloads.Select(spec, schedule, observation.Workloads);
            var rollout = RolloutStage.Decide(SettleTimes.Of(spec), schedule, watched, now);
            status = status with { Workloads = rollout.Workloads, PendingRollouts = rollout.Pending };
            wait = Sooner(wait, rollout.Wait);
            rollingOut = rollout.RollingOut;
            fired = rollout.Fired is { } settled ? Merge(fired, settled) : fired;
            // Readiness triggers are not watched but read at each reconcile: look again while nothing else wakes the schedule.
            wait = spec.Readiness.Count > 0 ? Sooner(wait, ReadinessPoll) : wait;
        }

        var (started, queued) = ConcurrencyStage.Decide(spec.ConcurrencyPolicy, schedule, fired, active);
        actions.AddRange(started);
        if (started.OfType<StartRun>().FirstOrDefault() is { } start)
        {
            status = status with { LastTrigger = start.Trigger };
            active = [.. active.Where(r => !started.OfType<DeleteScheduledRun>().Any(d => d.Name == r.Metadata.Name)), start.Run];
        }

        status = status with { QueuedTrigger = queued };
        var (reason, said) = Waiting(queued, rollingOut, status.PendingRollouts, untilCron, now);
        return Decided(actions, status, active, Conditions(before, true, reason, said, generation, now), wait);
    }

    private static ScheduleDecision Decided(
        List<ScheduleAction> actions,
        TestRunScheduleStatus status,
        IEnumerable<TestRun> active,
        IReadOnlyList<TestRunCondition> conditions,
        TimeSpan? wait) =>
        new(
            actions,
            status with { Active = [.. active.Select(r => r.Metadata.Name).Order(StringComparer.Ordinal)], Conditions = conditions },
            wait);

    /// <summary>Two triggers that fired before a run could start are one run: the later time, every workload.</summary>
    private static RunTrigger Merge(RunTrigger? earlier, RunTrigger later) => earlier is null ? later : new RunTrigger
    {
        Reason = earlier.Workloads.Count + later.Workloads.Count > 0 ? TriggerReasons.Rollout : TriggerReasons.Schedule,
        Time = earlier.Time > later.Time ? earlier.Time : later.Time,
        Workloads = [.. earlier.Workloads.Where(w => !later.Workloads.Any(l => RolloutStage.Same(l, w))).Concat(later.Workloads)],
    };

    private static TimeSpan? Sooner(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static (string Reason, string Message) Waiting(
        RunTrigger? queued, bool rollingOut, PendingRollouts? pending, TimeSpan? wait, DateTimeOffset now) =>
        queued is not null ? ("Queued", $"A run is queued ({queued.Reason}) until the active one finishes.")
        : rollingOut ? ("RollingOut", "Waiting for watched workloads to finish rolling out.")
        : pending is not null ? ("Settling", $"{pending.Workloads.Count} workload(s) rolled out; waiting for the settle time.")
        : wait is { } next ? ("Scheduled", $"Next run at {(now + next).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.")
        : ("Waiting", "Waiting for a rollout.");

    private static IReadOnlyList<TestRunCondition> Conditions(
        TestRunScheduleStatus before, bool ready, string reason, string message, long generation, DateTimeOffset now) =>
        StatusConditions.Set(
            before.Conditions,
            generation,
            now,
            new StatusConditions.Wanted(ConditionTypes.Ready, ready ? ConditionStatuses.True : ConditionStatuses.False, reason, message));
}
