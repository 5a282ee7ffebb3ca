namespace Netra.Probes.Report;

/// <summary>A scenario's cases in declaration order, its wall time (cases may overlap) and the pods that answered it.</summary>
public sealed record ScenarioResult(string Name, IReadOnlyList<CaseResult> Cases, TimeSpan Duration, AnsweredBy? AnsweredBy = null)
{
    public RunSummary Summary => RunSummary.Of(Cases);
}
