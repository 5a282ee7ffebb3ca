using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Status;

/// <summary>
/// The four kstatus conditions for where a run stands, and Finished. A finished run that failed is also
/// Stalled, so that kstatus readers (Flux health checks) stop waiting and report failure; Finished turns True
/// on every ending, so that one <c>kubectl wait</c> returns whatever the outcome. A spec the operator rejects
/// ends the same way, with reason InvalidSpec. A condition keeps its last transition time while its status
/// does not change.
/// </summary>
public static class RunConditions
{
    /// <param name="reason">The phase, or why the run waits in it (<see cref="Reasons.Queued"/>).</param>
    public static IReadOnlyList<TestRunCondition> InProgress(
        string reason, string message, long generation, DateTimeOffset now, IReadOnlyList<TestRunCondition> previous) =>
        StatusConditions.Set(previous, generation, now,
            new(ConditionTypes.Ready, ConditionStatuses.False, reason, message),
            new(ConditionTypes.Reconciling, ConditionStatuses.True, reason, message),
            new(ConditionTypes.Stalled, ConditionStatuses.False, reason, string.Empty),
            new(ConditionTypes.Succeeded, ConditionStatuses.Unknown, reason, message),
            new(ConditionTypes.Finished, ConditionStatuses.False, reason, message));

    public static IReadOnlyList<TestRunCondition> Succeeded(
        string message, long generation, DateTimeOffset now, IReadOnlyList<TestRunCondition> previous) =>
        StatusConditions.Set(previous, generation, now,
            new(ConditionTypes.Ready, ConditionStatuses.True, Reasons.Succeeded, message),
            new(ConditionTypes.Reconciling, ConditionStatuses.False, Reasons.Succeeded, string.Empty),
            new(ConditionTypes.Stalled, ConditionStatuses.False, Reasons.Succeeded, string.Empty),
            new(ConditionTypes.Succeeded, ConditionStatuses.True, Reasons.Succeeded, message),
            new(ConditionTypes.Finished, ConditionStatuses.True, Reasons.Succeeded, message));

    public static IReadOnlyList<TestRunCondition> Failed(
        string reason, string message, long generation, DateTimeOffset now, IReadOnlyList<TestRunCondition> previous) =>
        StatusConditions.Set(previous, generation, now,
            new(ConditionTypes.Ready, ConditionStatuses.False, reason, message),
            new(ConditionTypes.Reconciling, ConditionStatuses.False, reason, string.Empty),
            new(ConditionTypes.Stalled, ConditionStatuses.True, reason, message),
            new(ConditionTypes.Succeeded, ConditionStatuses.False, reason, message),
            new(ConditionTypes.Finished, ConditionStatuses.True, reason, message));
}

/// <summary>Condition reasons (CamelCase, as Kubernetes conventions want).</summary>
public static class Reasons
{
    public const string Succeeded = "Succeeded";
    public const string TestsFailed = "TestsFailed";
    public const string DeployFailed = "DeployFailed";
    public const string TimedOut = "TimedOut";
    public const string InvalidSpec = "InvalidSpec";
    public const string PreflightFailed = "PreflightFailed";
    public const string Cancelled = "Cancelled";

    /// <summary>The spec asks for what the operator's installer does not allow (an image, a chart, an endpoint, a timeout).</summary>
    public const string NotAllowed = "NotAllowed";

    /// <summary>Pending: as many runs as the operator allows at once are in progress; this one starts when one ends.</summary>
    public const string Queued = "Queued";
}
