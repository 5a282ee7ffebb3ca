using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>What a schedule's reconcile should do, decided from an observation and the time alone.</summary>
public sealed record ScheduleDecision(IReadOnlyList<ScheduleAction> Actions, TestRunScheduleStatus Status, TimeSpan? RequeueAfter)
    : IDecision<TestRunScheduleStatus>
{
    public bool Acts => Actions.Count > 0;
}

/// <summary>One idempotent change to the schedule's runs or, for a verdict, to a workload they verified.</summary>
public abstract record ScheduleAction;

/// <summary>Creates the run unless one of its name exists (then that is the run wanted).</summary>
public sealed record StartRun(TestRun Run, RunTrigger Trigger) : ScheduleAction;

/// <summary>Deletes a run: replaced by a newer one (Replace), or older than the history limits keep.</summary>
public sealed record DeleteScheduledRun(string Name, string Why) : ScheduleAction
{
    public const string Replaced = "Replaced";
    public const string Pruned = "Pruned";
}

/// <summary>Merges the verdict's annotation into the workload's metadata and records an Event on it.</summary>
public sealed record WriteVerdict(WorkloadVerdict Verdict) : ScheduleAction;
