namespace Netra.Operator.Core.Status;

/// <summary>
/// What the operator knows of one scenario once its probes ran, whether it read that from a probe
/// pod's termination message or from an in-process run.
/// </summary>
public sealed record ScenarioOutcome(
    string Name,
    int Passed,
    int Failed,
    int Skipped,
    int Errors,
    long DurationMs,
    IReadOnlyList<FailedCase> FailedCases,
    int Attempts = 1)
{
    public bool Succeeded => Failed == 0 && Errors == 0;
}

public sealed record FailedCase(string Id, string? Message);
