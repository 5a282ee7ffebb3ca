using Netra.Probes.Contract;

namespace Netra.Operator.Core.Controller;

/// <summary>
/// Splits scenarios across probe Jobs: the shared ones round-robin over at most
/// <c>parallelism</c> Jobs that run at once, then each exclusive one in a later wave of its own
/// (agent-failure-recovery opens the agent's breaker, which would fail anything beside it).
/// </summary>
public static class ShardPlan
{
    /// <summary>Waves of shards, each shard a list of scenarios; shards are numbered in order across waves.</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Waves(IReadOnlyList<string> scenarios, int parallelism)
    {
        var shared = scenarios.Where(s => !ScenarioNames.Exclusive.Contains(s)).ToList();
        var waves = new List<IReadOnlyList<IReadOnlyList<string>>>();
        if (shared.Count > 0)
        {
            var count = Math.Clamp(parallelism, 1, shared.Count);
            waves.Add([.. Enumerable.Range(0, count).Select(shard => (IReadOnlyList<string>)[.. shared.Where((_, i) => i % count == shard)])]);
        }

        waves.AddRange(scenarios.Where(ScenarioNames.Exclusive.Contains).Select(s => (IReadOnlyList<IReadOnlyList<string>>)[[s]]));
        return waves;
    }
}
