using Netra.Probes.Contract;
using Netra.Probes.Running;

namespace Netra.Probes.Scenarios;

/// <summary>The scenarios, in the contract's order, and selection by name.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new AuthWebSocketHandshake(),
        new AgentLifecycleEvents(),
        new CrossServiceAuthSync(),
        new WebSocketReconnectionAuth(),
        new MultiAgentIsolation(),
        new AgentFailureRecovery(),
        new MessageFormatValidation(),
        new AuthServiceIndependence(),
        new ThreadManagement(),
        new StreamingAuthValidation(),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public sealed record Selection(IReadOnlyList<IScenario> Scenarios, IReadOnlyList<string> Unknown);

    /// <summary>The named scenarios in catalog order (all of them when no name is given), and the names not known.</summary>
    public static Selection Select(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return new Selection(All, []);
        }

        var wanted = new HashSet<string>(names, StringComparer.Ordinal);
        return new Selection(
            [.. All.Where(s => wanted.Contains(s.Name))],
            [.. wanted.Where(n => All.All(s => s.Name != n))]);
    }
}
