namespace Netra.Probes.Report;

/// <summary>
/// Everything one probe run produced, in the order the scenarios were selected. <see cref="Aborted"/> says why
/// the run ended before its cases did (a failed preflight, an interruption); the cases it did not run are
/// listed as errors with that reason.
/// </summary>
public sealed record RunReport(DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<ScenarioResult> Scenarios, string? Aborted = null)
{
    public RunSummary Summary => RunSummary.Of(Scenarios.SelectMany(s => s.Cases));

    public bool Succeeded => Aborted is null && Summary.Succeeded;

    /// <summary>Some case, or an earlier attempt of one, carries evidence.</summary>
    public bool HasEvidence => Scenarios.SelectMany(s => s.Cases)
        .Any(c => c.Evidence is { Count: > 0 } || (c.EarlierAttempts ?? []).Any(a => a.Evidence is { Count: > 0 }));

    /// <summary>The same report with no evidence, for where it may not go (a pod's termination message).</summary>
    public RunReport WithoutEvidence() => this with
    {
        Scenarios = [.. Scenarios.Select(s => s with
        {
            Cases = [.. s.Cases.Select(c => c with
            {
                Evidence = null,
                EarlierAttempts = c.EarlierAttempts is { } earlier ? [.. earlier.Select(a => a with { Evidence = null })] : null,
            })],
        })],
    };
}
