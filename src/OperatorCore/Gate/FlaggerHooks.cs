namespace Netra.Operator.Core.Gate;

/// <summary>The Flagger webhook types the gate answers, each at <c>/v1/flagger/{type}</c>: the payload does not name it.</summary>
public enum FlaggerHook
{
    PreRollout,
    Rollout,
    ConfirmPromotion,
    PostRollout,
    Rollback,
}

/// <summary>
/// What the gate does for each Flagger hook. Flagger advances on 200-202 and holds on anything else, except the
/// rollback hook, where a 2xx rolls the canary back (https://docs.flagger.app/usage/webhooks).
/// </summary>
public static class FlaggerHooks
{
    /// <summary>The run has not finished: Flagger holds (and counts a failed check for pre-rollout and rollout).</summary>
    public const int NotYet = 409;

    /// <summary>The run failed: Flagger holds, and shows the body (the failing scenarios) in its Events.</summary>
    public const int RunFailed = 422;

    /// <summary>No run for this canary and checksum, for a hook that only reads.</summary>
    public const int NoRun = 404;

    public static FlaggerHook? Parse(string? type) => type switch
    {
        "pre-rollout" => FlaggerHook.PreRollout,
        "rollout" => FlaggerHook.Rollout,
        "confirm-promotion" => FlaggerHook.ConfirmPromotion,
        "post-rollout" => FlaggerHook.PostRollout,
        "rollback" => FlaggerHook.Rollback,
        _ => null,
    };

    /// <summary>The hooks that gate the canary start its run when there is none for its checksum yet.</summary>
    public static bool StartsRun(FlaggerHook hook) =>
        hook is FlaggerHook.PreRollout or FlaggerHook.Rollout or FlaggerHook.ConfirmPromotion;

    /// <summary>The HTTP status of the answer, given the run's verdict (null: no run).</summary>
    public static int Answer(FlaggerHook hook, GateVerdict? run) => (hook, run?.Verdict) switch
    {
        (FlaggerHook.Rollback, Verdicts.Failed) => 200,
        (FlaggerHook.Rollback, _) => NotYet,
        (_, null) => NoRun,
        (_, Verdicts.Passed) => 200,
        (_, Verdicts.Failed) => RunFailed,
        _ => NotYet,
    };
}
