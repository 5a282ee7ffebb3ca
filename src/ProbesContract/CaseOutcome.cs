namespace Netra.Probes.Contract;

/// <summary>How one probe case ended.</summary>
public enum CaseOutcome
{
    Passed,
    Failed,
    Skipped,
    Error,
}
