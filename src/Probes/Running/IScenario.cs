namespace Netra.Probes.Running;

/// <summary>A named group of cases; cases of one scenario run one after another, in order, except those that run alongside.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>What the scenario covers, as <c>netra-probes list</c> prints it.</summary>
    string Covers { get; }

    IReadOnlyList<ProbeCase> Cases { get; }

    /// <summary>
    /// True for a scenario that changes state other scenarios would see (for example, it opens the
    /// agent's circuit breaker): it runs alone, after the others.
    /// </summary>
    bool Exclusive { get; }
}
