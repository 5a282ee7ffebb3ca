using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Status;

namespace Netra.Operator.Tests.Status;

public sealed class RunConditionsTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Earlier.AddMinutes(5);

    private static string StatusOf(IReadOnlyList<TestRunCondition> conditions, string type) => conditions.Single(c => c.Type == type).Status;

    public static TheoryData<string, string, string, string, string, string> Phases => new()
    {
        // which, Ready, Reconciling, Stalled, Succeeded, Finished
        { "probing", "False", "True", "False", "Unknown", "False" },
        { "succeeded", "True", "False", "False", "True", "True" },
        { "failed", "False", "False", "True", "False", "True" },
        { "invalid", "False", "False", "True", "False", "True" },
    };

    private static IReadOnlyList<TestRunCondition> For(string which, IReadOnlyList<TestRunCondition> previous) => which switch
    {
        "probing" => RunConditions.InProgress("Probing", "probing 10 scenarios", 2, Now, previous),
        "succeeded" => RunConditions.Succeeded("80 of 80 passed", 2, Now, previous),
        "failed" => RunConditions.Failed(Reasons.TestsFailed, "3 failed", 2, Now, previous),
        _ => RunConditions.Failed(Reasons.InvalidSpec, "spec.parallelism must be between 1 and 10", 2, Now, previous),
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void Each_state_sets_the_kstatus_conditions_and_Finished(string which, string ready, string reconciling, string stalled, string succeeded, string finished)
    {
        var conditions = For(which, []);

        Assert.Equal(ready, StatusOf(conditions, ConditionTypes.Ready));
        Assert.Equal(reconciling, StatusOf(conditions, ConditionTypes.Reconciling));
        Assert.Equal(stalled, StatusOf(conditions, ConditionTypes.Stalled));
        Assert.Equal(succeeded, StatusOf(conditions, ConditionTypes.Succeeded));
        Assert.Equal(finished, StatusOf(conditions, ConditionTypes.Finished));
        Assert.All(conditions, c => Assert.Equal(2, c.ObservedGeneration));
        Assert.All(conditions, c => Assert.False(string.IsNullOrEmpty(c.Reason)));
    }

    [Fact]
    public void A_condition_keeps_its_transition_time_while_its_status_stays()
    {
        var before = RunConditions.InProgress("Deploying", "deploying", 2, Earlier, []);

        var after = RunConditions.Failed(Reasons.TestsFailed, "3 failed", 2, Now, before);

        Assert.Equal(Earlier, after.Single(c => c.Type == ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(Now, after.Single(c => c.Type == ConditionTypes.Reconciling).LastTransitionTime);
        Assert.Equal(Now, after.Single(c => c.Type == ConditionTypes.Stalled).LastTransitionTime);
    }
}
