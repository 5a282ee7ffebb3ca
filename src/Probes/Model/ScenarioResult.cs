namespace Netra.Probes.Model;

public sealed record ScenarioResult(string Name, IReadOnlyList<CaseResult> Cases)
{
    public RunSummary Summary => RunSummary.Of(Cases);

    public TimeSpan Duration => Cases.Aggregate(TimeSpan.Zero, (total, c) => total + c.Duration);
}
