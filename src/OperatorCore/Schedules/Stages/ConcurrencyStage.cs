using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules.Stages;

/// <summary>
/// What a trigger does while runs are active, by <c>spec.concurrencyPolicy</c>; the last stage, it always decides. Whatever
/// the policy, a trigger waits queued while the schedule has as many unfinished runs as the installer allows one schedule.
/// </summary>
public static class ConcurrencyStage
{
    public static ScheduleDecision Decide(ScheduleObservation observation, ScheduleContext context)
    {
        var (started, queued) = Apply(
            observation.Spec.ConcurrencyPolicy, observation.Schedule, context.Fired, context.Active, observation.MaxActiveRuns);
        context.Actions.AddRange(started);
        if (started.OfType<StartRun>().FirstOrDefault() is { } start)
        {
            context.Status = context.Status with { LastTrigger = start.Trigger };
            var replaced = started.OfType<DeleteScheduledRun>().Select(d => d.Name).ToHashSet();
            context.Active = [.. context.Active.Where(r => !replaced.Contains(r.Metadata.Name)), start.Run];
        }

        context.Status = context.Status with { QueuedTrigger = queued };
        var (reason, message) = Waiting(queued, context);
        return context.Decided(true, reason, message, context.Wait);
    }

    /// <summary>The runs to start and delete, and the trigger left queued (Forbid with a run active).</summary>
    public static (IReadOnlyList<ScheduleAction> Actions, RunTrigger? Queued) Apply(
        string policy, TestRunSchedule schedule, RunTrigger? fired, IReadOnlyList<TestRun> active, int maxActive = int.MaxValue)
    {
        if (fired is null)
        {
            return ([], null);
        }

        var run = ScheduledRuns.Create(schedule, fired);
        var name = run.Metadata.Name;
        var others = active.Where(r => r.Metadata.Name != name).ToList();
        if ((others.Count > 0 && policy == ConcurrencyPolicies.Forbid) || (policy == ConcurrencyPolicies.Allow && others.Count >= maxActive))
        {
            return ([], fired);
        }

        var replaced = policy == ConcurrencyPolicies.Replace
            ? others.Select(r => (ScheduleAction)new DeleteScheduledRun(r.Metadata.Name, DeleteScheduledRun.Replaced))
            : [];
        return ([.. replaced, new StartRun(run, fired with { Run = name })], null);
    }

    private static (string Reason, string Message) Waiting(RunTrigger? queued, ScheduleContext context) =>
        queued is not null ? ("Queued", $"A run is queued ({queued.Reason}) until the active one finishes.")
        : context.RollingOut ? ("RollingOut", "Waiting for watched workloads to finish rolling out.")
        : context.Status.PendingRollouts is { } pending
            ? ("Settling", $"{pending.Workloads.Count} workload(s) rolled out; waiting for the settle time.")
        : context.UntilCron is { } next ? ("Scheduled", $"Next run at {(context.Now + next).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.")
        : ("Waiting", "Waiting for a rollout.");
}
