using Netra.Probes.Contract;
namespace Netra.Probes.Model;

/// <summary>
/// The result of one case. <see cref="Message"/> says, for a failure, what was expected and what
/// came; for a skip, why; for an error, what broke.
/// </summary>
public sealed record CaseResult(
    string Id,
    string Scenario,
    string Description,
    CaseOutcome Outcome,
    TimeSpan Duration,
    string? Message = null);
