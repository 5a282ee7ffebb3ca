using Netra.Operator.Core.Gate;

namespace Netra.Operator.Tests.Gate;

/// <summary>
/// Flagger hook and run verdict → the gate's HTTP status. Flagger advances on 200-202, holds on anything else; a
/// rollback hook's 2xx rolls the canary back (https://docs.flagger.app/usage/webhooks).
/// </summary>
public sealed class FlaggerHooksTests
{
    public static TheoryData<string, string?, int> Cases() => new()
    {
        { "pre-rollout", Verdicts.InProgress, 409 },
        { "pre-rollout", Verdicts.Passed, 200 },
        { "pre-rollout", Verdicts.Failed, 422 },
        { "rollout", Verdicts.InProgress, 409 },
        { "rollout", Verdicts.Passed, 200 },
        { "rollout", Verdicts.Failed, 422 },
        { "confirm-promotion", Verdicts.InProgress, 409 },
        { "confirm-promotion", Verdicts.Passed, 200 },
        { "confirm-promotion", Verdicts.Failed, 422 },
        { "post-rollout", Verdicts.Passed, 200 },
        { "post-rollout", Verdicts.Failed, 422 },
        { "post-rollout", null, 404 },
        { "rollback", Verdicts.Failed, 200 },
        { "rollback", Verdicts.Passed, 409 },
        { "rollback", Verdicts.InProgress, 409 },
        { "rollback", null, 409 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_hook_answers_by_the_runs_verdict(string hook, string? verdict, int status)
    {
        var run = verdict is null ? null : new GateVerdict { Verdict = verdict, Namespace = "team", Name = "smoke", Phase = "Probing" };

        Assert.Equal(status, FlaggerHooks.Answer(FlaggerHooks.Parse(hook)!.Value, run));
    }

    [Theory]
    [InlineData("pre-rollout", true)]
    [InlineData("rollout", true)]
    [InlineData("confirm-promotion", true)]
    [InlineData("post-rollout", false)]
    [InlineData("rollback", false)]
    public void Only_the_hooks_that_gate_the_canary_start_its_run(string hook, bool starts)
    {
        Assert.Equal(starts, FlaggerHooks.StartsRun(FlaggerHooks.Parse(hook)!.Value));
    }

    [Theory]
    [InlineData("confirm-rollout")]
    [InlineData("event")]
    [InlineData("PRE-ROLLOUT")]
    [InlineData("")]
    public void Other_hooks_are_not_answered(string hook)
    {
        Assert.Null(FlaggerHooks.Parse(hook));
    }
}
