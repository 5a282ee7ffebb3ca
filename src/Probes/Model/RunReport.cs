namespace Netra.Probes.Model;

/// <summary>Everything one probe run produced, in the order the scenarios were selected.</summary>
public sealed record RunReport(DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<ScenarioResult> Scenarios)
{
    public RunSummary Summary => RunSummary.Of(Scenarios.SelectMany(s => s.Cases));
}
