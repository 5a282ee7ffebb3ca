namespace Netra.Probes.Model;

/// <summary>A scenario's cases in declaration order, and its wall time (cases may overlap).</summary>
public sealed record ScenarioResult(string Name, IReadOnlyList<CaseResult> Cases, TimeSpan Duration)
{
    public RunSummary Summary => RunSummary.Of(Cases);
}
