namespace Netra.Agent.Runs;

/// <summary>Run admission and degraded mode, bound from the <c>Agent</c> section.</summary>
public sealed class RunOptions
{
    public const string Section = "Agent";

    /// <summary>Runs streaming at once; one more is answered 429 <c>resource_exhausted</c>.</summary>
    public int MaxConcurrentRuns { get; set; } = 100;

    /// <summary>Runs one user (of one calling client) may have streaming at once, so that no user takes every slot.</summary>
    public int MaxConcurrentRunsPerUser { get; set; } = 20;

    /// <summary>Finished runs kept for <c>GET /v1/runs/{id}</c>; the oldest are forgotten first.</summary>
    public int RetainedRuns { get; set; } = 1000;

    /// <summary>When the model is unavailable, end with a degraded <c>final_report</c> instead of an <c>error</c>.</summary>
    public bool DegradedMode { get; set; }
}
