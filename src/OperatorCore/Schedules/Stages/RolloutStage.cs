using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules.Stages;

/// <summary>
/// Rollouts become one run: a watched workload whose pod template changed, whose rollout completed and whose pods of an
/// older revision are all gone (<see cref="OldPods"/>), or an object of a readiness trigger that became ready at a new
/// revision, joins the pending rollouts; once none has completed for the settle time and none is still rolling out, they
/// fire together. Workloads that existed before the schedule start
/// from the revision they have, so creating a schedule runs nothing.
/// </summary>
public static class RolloutStage
{
    /// <summary>How often a completed rollout's old pods are counted again until none is left.</summary>
    public static readonly TimeSpan OldPodsPoll = TimeSpan.FromSeconds(1);

    public sealed record Outcome(
        IReadOnlyList<WorkloadRevision> Workloads, PendingRollouts? Pending, RunTrigger? Fired, TimeSpan? Wait, bool RollingOut);

    /// <summary>Settled rollouts fire; readiness triggers are read again every poll. Never decides.</summary>
    public static ScheduleDecision? Decide(ScheduleObservation observation, ScheduleContext context)
    {
        var spec = observation.Spec;
        if (spec.Rollouts is null && spec.Readiness.Count == 0)
        {
            return null;
        }

        var watched = WatchedWorkloads.Select(spec, observation.Schedule, observation.Workloads);
        var rollout = Settle(SettleTimes.Of(spec), observation.Schedule, watched, context.Now);
        context.Status = context.Status with { Workloads = rollout.Workloads, PendingRollouts = rollout.Pending };
        context.WaitAtMost(rollout.Wait);
        context.RollingOut = rollout.RollingOut;
        // Pods ending wake nothing: look again while a completed rollout waits for its old pods to go.
        if (watched.Any(w => w.Complete && w.OldPods > 0))
        {
            context.WaitAtMost(OldPodsPoll);
        }

        if (rollout.Fired is { } settled)
        {
            context.Fire(settled);
        }

        // Readiness triggers are not watched but read at each reconcile: look again while nothing else wakes the schedule.
        if (spec.Readiness.Count > 0)
        {
            context.WaitAtMost(ScheduleDecider.ReadinessPoll);
        }

        return null;
    }

    /// <param name="watched">The workloads the schedule's triggers select (<see cref="WatchedWorkloads"/>).</param>
    public static Outcome Settle(TimeSpan settle, TestRunSchedule schedule, IEnumerable<ObservedWorkload> watched, DateTimeOffset now)
    {
        var status = schedule.Status;
        var known = (status?.Workloads ?? []).ToDictionary(w => $"{w.Kind}/{w.Namespace}/{w.Name}", w => w.Revision);
        var created = schedule.Metadata.CreationTimestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : now;
        var accounted = new List<WorkloadRevision>();
        var completed = new List<WorkloadRevision>();
        var rollingOut = false;
        foreach (var workload in watched.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            var revision = known.GetValueOrDefault(workload.Key);
            // Timestamps have whole seconds: a workload created in the schedule's second counts as there before it.
            if (revision is null && workload.Created <= created)
            {
                accounted.Add(workload.Current);
            }
            else if (revision == workload.Current.Revision)
            {
                accounted.Add(workload.Current);
            }
            else if (workload.Complete && workload.OldPods == 0)
            {
                accounted.Add(workload.Current);
                completed.Add(workload.Current);
            }
            else
            {
                rollingOut = true;
                if (revision is not null)
                {
                    accounted.Add(workload.Current with { Revision = revision });
                }
            }
        }

        var pending = completed.Count == 0 ? status?.PendingRollouts : new PendingRollouts
        {
            LastCompletion = now,
            Workloads = [.. (status?.PendingRollouts?.Workloads ?? []).Where(w => !completed.Any(c => Same(c, w))).Concat(completed)],
        };
        if (pending is null)
        {
            return new Outcome(accounted, null, null, null, rollingOut);
        }

        var fireAt = pending.LastCompletion + settle;
        if (rollingOut || fireAt > now)
        {
            return new Outcome(accounted, pending, null, rollingOut ? null : fireAt - now, rollingOut);
        }

        var fired = new RunTrigger { Reason = TriggerReasons.Rollout, Time = fireAt, Workloads = pending.Workloads };
        return new Outcome(accounted, null, fired, null, false);
    }

    /// <summary>The same workload, at whatever revision.</summary>
    public static bool Same(WorkloadRevision a, WorkloadRevision b) => a.Kind == b.Kind && a.Namespace == b.Namespace && a.Name == b.Name;
}
