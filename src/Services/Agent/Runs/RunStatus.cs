namespace Netra.Agent.Runs;

/// <summary>Where a run is; on the wire in lower case.</summary>
public enum RunStatus
{
    Running,
    Completed,
    Failed,
    Cancelled,
}
