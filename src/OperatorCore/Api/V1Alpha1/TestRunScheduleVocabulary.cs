namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What a schedule does when a run is due while another is active.</summary>
public static class ConcurrencyPolicies
{
    /// <summary>Runs side by side.</summary>
    public const string Allow = "Allow";

    /// <summary>One at a time: what fires meanwhile is queued (one queued run at most) and starts when the active one ends.</summary>
    public const string Forbid = "Forbid";

    /// <summary>The active run is deleted and the new one starts.</summary>
    public const string Replace = "Replace";
}

/// <summary>What started a scheduled run.</summary>
public static class TriggerReasons
{
    public const string Schedule = "Schedule";
    public const string Rollout = "Rollout";
}

/// <summary>The workload kinds a rollout trigger watches.</summary>
public static class WorkloadKinds
{
    public const string Deployment = "Deployment";
    public const string StatefulSet = "StatefulSet";
}
