namespace Netra.Operator.Core.Status;

/// <summary>
/// What the operator knows of one scenario: its last attempt's counts, read from a probe pod's termination
/// message, or that it never ran (the run ended first).
/// </summary>
public sealed record ScenarioOutcome(
    string Name,
    int Passed,
    int Failed,
    int Skipped,
    int Errors,
    long DurationMs,
    IReadOnlyList<FailedCase> FailedCases,
    int Attempts = 1,
    bool Ran = true)
{
    public bool Succeeded => Ran && Failed == 0 && Errors == 0;

    /// <summary>A scenario the run ended before it could finish.</summary>
    public static ScenarioOutcome NotRun(string name, int attempts) => new(name, 0, 0, 0, 0, 0, [], attempts, Ran: false);
}

public sealed record FailedCase(string Id, string? Message);
