namespace Netra.Probes.Model;

/// <summary>How one probe case ended.</summary>
public enum CaseOutcome
{
    Passed,
    Failed,
    Skipped,
    Error,
}
