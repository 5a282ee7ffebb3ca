using Netra.Operator.Core.Status;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.TestRuns;

/// <summary>
/// Which scenario runs next: one probe Job per scenario and attempt, at most <c>parallelism</c> at once, a
/// failed scenario again as soon as a slot is free while it has attempts left. The exclusive scenarios
/// (agent-failure-recovery opens the agent's breaker, which would fail anything beside it) run last, one at a
/// time and alone.
/// </summary>
public static class ProbeSchedule
{
    /// <summary>Where one scenario stands: the attempts that finished, the last one's outcome, whether one is running.</summary>
    public sealed record ScenarioState(string Name, int FinishedAttempts, ScenarioOutcome? Last, bool Running)
    {
        public bool Exclusive => ScenarioNames.Exclusive.Contains(Name);

        public bool Done(int maxAttempts) => !Running && Last is not null && (Last.Succeeded || FinishedAttempts >= maxAttempts);

        public bool Waiting(int maxAttempts) => !Running && !Done(maxAttempts);
    }

    /// <summary>The scenarios to start now with their attempt numbers, in the spec's order.</summary>
    public static IReadOnlyList<(string Scenario, int Attempt)> Next(IReadOnlyList<ScenarioState> states, int parallelism, int maxAttempts)
    {
        var running = states.Count(s => s.Running);
        var shared = states.Where(s => !s.Exclusive && !s.Done(maxAttempts)).ToList();
        if (shared.Count > 0)
        {
            return [.. shared.Where(s => s.Waiting(maxAttempts)).Take(Math.Max(0, parallelism - running)).Select(Start)];
        }

        return running > 0 ? [] : [.. states.Where(s => s.Exclusive && s.Waiting(maxAttempts)).Take(1).Select(Start)];
    }

    public static bool Finished(IReadOnlyList<ScenarioState> states, int maxAttempts) => states.All(s => s.Done(maxAttempts));

    private static (string, int) Start(ScenarioState state) => (state.Name, state.FinishedAttempts + 1);
}
