using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Status;

/// <summary>
/// Setting conditions, for TestRuns and TestRunSchedules alike, as apimachinery's <c>meta.SetStatusCondition</c>: one
/// condition per type, each stamped with the generation it was set for; a condition keeps its last transition time
/// while its status does not change.
/// </summary>
public static class StatusConditions
{
    public sealed record Wanted(string Type, string Status, string Reason, string Message);

    /// <summary>The wanted conditions, in their order, each transition time carried from <paramref name="previous"/>.</summary>
    public static IReadOnlyList<TestRunCondition> Set(
        IReadOnlyList<TestRunCondition> previous, long generation, DateTimeOffset now, params Wanted[] wanted) =>
        [.. wanted.Select(w =>
        {
            var before = previous.Find(w.Type);
            return new TestRunCondition
            {
                Type = w.Type,
                Status = w.Status,
                Reason = w.Reason,
                Message = w.Message,
                ObservedGeneration = generation,
                LastTransitionTime = before is not null && before.Status == w.Status ? before.LastTransitionTime : now,
            };
        })];
}
