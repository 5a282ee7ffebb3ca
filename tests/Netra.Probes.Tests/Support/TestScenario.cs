using Netra.Probes.Running;

namespace Netra.Probes.Tests.Support;

/// <summary>A scenario made up by a test: its cases only, about the runner rather than about the services.</summary>
public sealed record TestScenario(string Name, IReadOnlyList<ProbeCase> Cases, bool Exclusive = false) : IScenario
{
    public string Covers => "test";
}
