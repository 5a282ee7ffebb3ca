using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Schedules.Stages;

/// <summary>A spec the operator cannot use (Ready False, InvalidSpec) or a suspended schedule starts no run.</summary>
public static class SpecStage
{
    public static ScheduleDecision? Decide(ScheduleObservation observation, ScheduleContext context) =>
        observation.Spec.Problems.Count > 0 ? context.Decided(false, Reasons.InvalidSpec, string.Join(" ", observation.Spec.Problems), null)
        : observation.Spec.Suspend ? context.Decided(true, "Suspended", "Suspended: no run starts.", null)
        : null;
}
