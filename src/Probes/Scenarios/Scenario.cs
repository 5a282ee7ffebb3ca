using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>
/// A scenario binds a method to each of its cases in its constructor (<see cref="BindCases"/>); the cases' ids,
/// descriptions and order are declared once, in <see cref="ScenarioCases"/>. Every case needs what the scenario needs
/// (<paramref name="needs"/>) and what its binding adds.
/// </summary>
public abstract class Scenario(string name, string covers, CaseNeeds needs = CaseNeeds.None) : IScenario
{
    private readonly List<ProbeCase> _cases = [];

    public string Name { get; } = name;

    public string Covers { get; } = covers;

    public bool Exclusive => ScenarioNames.Exclusive.Contains(Name);

    public IReadOnlyList<ProbeCase> Cases => _cases;

    /// <summary>The method that runs a declared case, what it needs beyond its scenario, and whether it runs alongside.</summary>
    protected sealed record CaseBinding(string Id, Func<ProbeContext, CancellationToken, Task> Run, CaseNeeds Needs, bool Alongside);

    protected static CaseBinding Case(
        string id,
        Func<ProbeContext, CancellationToken, Task> run,
        CaseNeeds caseNeeds = CaseNeeds.None) => new(id, run, caseNeeds, Alongside: false);

    /// <summary>A case that mostly waits (for a token to expire, a periodic check): it runs alongside the others.</summary>
    protected static CaseBinding WaitingCase(
        string id,
        Func<ProbeContext, CancellationToken, Task> run,
        CaseNeeds caseNeeds = CaseNeeds.None) => new(id, run, caseNeeds, Alongside: true);

    /// <summary>
    /// The scenario's cases: <see cref="ScenarioCases"/>' entries for it, each run by its binding. Throws when the
    /// bindings' ids are not the table's, one for one in its order: a case without a method, or a method without a case.
    /// </summary>
    protected void BindCases(params IReadOnlyList<CaseBinding> bindings)
    {
        var declared = ScenarioCases.Of(Name);
        var position = Enumerable.Range(0, Math.Max(declared.Count, bindings.Count))
            .FirstOrDefault(i => i >= declared.Count || i >= bindings.Count || declared[i].Id != bindings[i].Id, -1);
        if (position >= 0)
        {
            throw new InvalidOperationException(
                $"Scenario {Name}: case {position + 1} is bound as {IdAt(bindings.Select(b => b.Id), position)} but "
                + $"ScenarioCases declares {IdAt(declared.Select(c => c.Id), position)} there");
        }

        _cases.AddRange(declared.Zip(
            bindings,
            (c, b) => new ProbeCase($"{Name}/{c.Id}", c.Description, b.Run, b.Alongside, needs | b.Needs)));
    }

    private static string IdAt(IEnumerable<string> ids, int position) =>
        ids.ElementAtOrDefault(position) is { } id ? $"'{id}'" : "nothing";
}
