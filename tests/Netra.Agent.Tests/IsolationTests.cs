using Netra.Agent.Tests.Support;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class IsolationTests(AuthServiceFixture auth) : IAsyncLifetime
{
    private AgentUnderTest _agent = null!;

    // Slow enough that the runs below really stream at the same time.
    public async Task InitializeAsync() => _agent = await AgentUnderTest.StartAsync(auth, "--Agent:Streaming:ChunkDelay=00:00:00.020");

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Two_users_running_at_once_each_see_only_their_own_events()
    {
        var alice = _agent.RunAsync(RunBody.Of("Show the availability of auth", userId: "alice", threadId: "alice-thread"));
        var bob = _agent.RunAsync(RunBody.Of("Show the latency of backend", userId: "bob", threadId: "bob-thread"));
        var (aliceEvents, bobEvents) = (await alice, await bob);

        AssertOwnRun(aliceEvents, "alice-thread", "auth availability", "backend");
        AssertOwnRun(bobEvents, "bob-thread", "backend availability", "auth");
        Assert.NotEqual(aliceEvents[0].Text("run_id"), bobEvents[0].Text("run_id"));
    }

    [Fact]
    public async Task Threads_of_one_user_are_separate_runs()
    {
        var runs = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            _agent.RunAsync(RunBody.Of($"Report on agent number {i}", userId: "carol", threadId: $"carol-{i}"))));

        for (var i = 0; i < runs.Length; i++)
        {
            AssertOwnRun(runs[i], $"carol-{i + 1}", $"number {i + 1}", "number 0");
        }

        Assert.Equal(runs.Length, runs.Select(events => events[0].Text("run_id")).Distinct().Count());
    }

    private static void AssertOwnRun(List<AgentEvent> events, string threadId, string expectedContent, string foreignContent)
    {
        var runId = events[0].Text("run_id");
        Assert.All(events, e => Assert.Equal(runId, e.Text("run_id")));
        Assert.All(events, e => Assert.Equal(threadId, e.Text("thread_id")));
        var report = events[^1];
        Assert.Equal("final_report", report.Type);
        Assert.Contains(expectedContent, report.Text("content"), StringComparison.Ordinal);
        Assert.DoesNotContain(foreignContent, report.Text("content"), StringComparison.Ordinal);
    }
}
