using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedule.Stages;

/// <summary>
/// What a trigger does while runs are active, by <c>spec.concurrencyPolicy</c>; whatever the policy, a trigger waits
/// queued while the schedule has as many unfinished runs as the installer allows one schedule.
/// </summary>
public static class ConcurrencyStage
{
    /// <summary>The runs to start and delete, and the trigger left queued (Forbid with a run active).</summary>
    public static (IReadOnlyList<ScheduleAction> Actions, RunTrigger? Queued) Decide(
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
}
