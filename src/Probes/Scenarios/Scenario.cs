using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>
/// A scenario declares its cases in its constructor, each with an id unique within it; every case needs
/// what the scenario needs (<paramref name="needs"/>) and what it declares itself.
/// </summary>
public abstract class Scenario(string name, string covers, CaseNeeds needs = CaseNeeds.None) : IScenario
{
    private readonly List<ProbeCase> _cases = [];

    public string Name { get; } = name;

    public string Covers { get; } = covers;

    public bool Exclusive => ScenarioNames.Exclusive.Contains(Name);

    public IReadOnlyList<ProbeCase> Cases => _cases;

    protected void Case(
        string id,
        string description,
        Func<ProbeContext,
        CancellationToken,
        Task> run,
        CaseNeeds caseNeeds = CaseNeeds.None) =>
        _cases.Add(new ProbeCase($"{Name}/{id}", description, run, Needs: needs | caseNeeds));

    /// <summary>A case that mostly waits (for a token to expire, a periodic check): it runs alongside the others.</summary>
    protected void WaitingCase(
        string id,
        string description,
        Func<ProbeContext,
        CancellationToken,
        Task> run,
        CaseNeeds caseNeeds = CaseNeeds.None) =>
        _cases.Add(new ProbeCase($"{Name}/{id}", description, run, Alongside: true, Needs: needs | caseNeeds));
}
