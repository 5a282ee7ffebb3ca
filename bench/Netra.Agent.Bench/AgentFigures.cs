using Netra.Bench;

namespace Netra.Agent.Bench;

/// <summary>
/// The agent bench's figures for <c>bench/run.sh</c>, each beside the same client against <see cref="BareEventStream"/> at the
/// same concurrency. The goal: the first event within 100 ms at p99 with 100 runs streaming (the service's default limit).
/// </summary>
internal static class AgentFigures
{
    private const string Bare = "bare Kestrel event stream, same client and concurrency";

    public static IReadOnlyList<Figure> Create(LoadResult ten, LoadResult tenBare, LoadResult hundred, LoadResult hundredBare) =>
    [
        new Figure("agent first event p50, 10 concurrent runs", Ms(ten.FirstEvent.P50), "ms", "lower",
            Limit: Ms(tenBare.FirstEvent.P50), LimitName: Bare, Note: "scripted model, auth and agent in process on loopback"),
        new Figure("agent first event p99, 100 concurrent runs", Ms(hundred.FirstEvent.P99), "ms", "lower", Goal: 100,
            Limit: Ms(hundredBare.FirstEvent.P99), LimitName: Bare,
            Note: "agent and bare stream take turns in rounds, each with its connections open at that concurrency"),
        new Figure("agent runs per second, 100 concurrent runs", hundred.RunsPerSecond, "runs/s", "higher",
            Limit: hundredBare.RunsPerSecond, LimitName: Bare,
            Note: $"a run's partial results are paced by Agent:Streaming:ChunkDelay (1 ms by default); {hundred.Failed} failed"),
    ];

    private static double Ms(TimeSpan value) => value.TotalMilliseconds;
}
