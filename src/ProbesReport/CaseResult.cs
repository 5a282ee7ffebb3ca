using Netra.Probes.Contract;
namespace Netra.Probes.Report;

/// <summary>
/// The result of one case. <see cref="Message"/> says, for a failure, what was expected and what
/// came; for a skip, why; for an error, what broke. <see cref="EarlierAttempts"/> keeps, oldest first,
/// the failures and errors of the attempts before this one (the scenario was retried), so that a case
/// that passed on a retry still shows it failed first. <see cref="Evidence"/> is, for a failure or an error, the case's last
/// exchanges with the services, oldest first, bounded and redacted (the probes' <c>CaseTranscript</c>), or what shows why a
/// deploy failed (its helm output and pods).
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

/// <summary>An earlier attempt of a case that did not pass: which attempt, how it ended, how long it took, why, and its evidence.</summary>
public sealed record CaseAttempt(int Attempt, CaseOutcome Outcome, TimeSpan Duration, string? Message, IReadOnlyList<string>? Evidence = null);
