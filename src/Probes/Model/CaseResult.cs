using Netra.Probes.Contract;
namespace Netra.Probes.Model;

/// <summary>
/// The result of one case. <see cref="Message"/> says, for a failure, what was expected and what
/// came; for a skip, why; for an error, what broke. <see cref="EarlierAttempts"/> keeps, oldest first,
/// the failures and errors of the attempts before this one (the scenario was retried), so that a case
/// that passed on a retry still shows it failed first. <see cref="Evidence"/> holds, for a case that did not pass, lines
/// that show why (a failed deploy's helm output and pods).
/// </summary>
public sealed record CaseResult(
    string Id,
    string Scenario,
    string Description,
    CaseOutcome Outcome,
    TimeSpan Duration,
    string? Message = null,
    IReadOnlyList<CaseAttempt>? EarlierAttempts = null,
    IReadOnlyList<string>? Evidence = null)
{
    /// <summary>Passed on this attempt after failing an earlier one.</summary>
    public bool Flaky => Outcome == CaseOutcome.Passed && EarlierAttempts is { Count: > 0 };
}

/// <summary>An earlier attempt of a case that did not pass: which attempt, how it ended, how long it took, why.</summary>
public sealed record CaseAttempt(int Attempt, CaseOutcome Outcome, TimeSpan Duration, string? Message);
