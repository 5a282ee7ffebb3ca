using Netra.Probes.Contract;

namespace Netra.Probes.Report;

/// <summary>
/// The message of a case that did not run because the run ended first (a failed preflight, an interruption, a scenario
/// the run never reached): an error that says why, never a silent skip.
/// </summary>
public static class NotRun
{
    public const string Prefix = "not run: ";

    public static string Message(string reason) => Prefix + reason;

    /// <summary>
    /// A scenario the run ended before it could run: each of its cases (<see cref="ScenarioCases"/>) an error saying why.
    /// </summary>
    public static ScenarioResult Scenario(string name, string reason) => new(
        name,
        [.. ScenarioCases.Of(name)
            .Select(c => new CaseResult($"{name}/{c.Id}", name, c.Description, CaseOutcome.Error, TimeSpan.Zero, Message(reason)))],
        TimeSpan.Zero);
}
