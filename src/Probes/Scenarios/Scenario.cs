using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>A scenario declares its cases in its constructor, each with an id unique within it.</summary>
public abstract class Scenario(string name, string covers) : IScenario
{
    private readonly List<ProbeCase> _cases = [];

    public string Name { get; } = name;

    public string Covers { get; } = covers;

    public bool Exclusive => ScenarioNames.Exclusive.Contains(Name);

    public IReadOnlyList<ProbeCase> Cases => _cases;

    protected void Case(string id, string description, Func<ProbeContext, CancellationToken, Task> run) =>
        _cases.Add(new ProbeCase($"{Name}/{id}", description, run));

    /// <summary>A case that mostly waits (for a token to expire, a periodic check): it runs alongside the others.</summary>
    protected void WaitingCase(string id, string description, Func<ProbeContext, CancellationToken, Task> run) =>
        _cases.Add(new ProbeCase($"{Name}/{id}", description, run, Alongside: true));
}
