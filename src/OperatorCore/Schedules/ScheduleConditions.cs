using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Core.Schedules;

/// <summary>A schedule's one condition, Ready: True while it can start runs, False while its spec is invalid.</summary>
public static class ScheduleConditions
{
    public static IReadOnlyList<TestRunCondition> Ready(
        TestRunScheduleStatus before, bool ready, string reason, string message, long generation, DateTimeOffset now) =>
        StatusConditions.Set(
            before.Conditions,
            generation,
            now,
            new StatusConditions.Wanted(ConditionTypes.Ready, ready ? ConditionStatuses.True : ConditionStatuses.False, reason, message));
}
