namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>Reading conditions, as apimachinery's <c>meta.FindStatusCondition</c> and <c>meta.IsStatusConditionTrue</c> do.</summary>
public static class ConditionLookup
{
    public static TestRunCondition? Find(this IEnumerable<TestRunCondition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(this IEnumerable<TestRunCondition>? conditions, string type) =>
        conditions.Find(type)?.Status == ConditionStatuses.True;
}
