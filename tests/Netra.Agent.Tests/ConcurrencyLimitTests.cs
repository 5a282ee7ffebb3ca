using System.Net;
using Netra.Agent.Tests.Support;
using Netra.Testing;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class ConcurrencyLimitTests(AuthServiceFixture auth)
{
    [Fact]
    public async Task Runs_beyond_the_bound_are_refused_with_429_and_admitted_again_once_a_slot_frees()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth, "--Agent:MaxConcurrentRuns=2", "--Agent:Streaming:ChunkDelay=00:00:01");
        using var first = await agent.PostRunAsync(RunBody.Of(runId: "slot-1"));
        using var second = await agent.PostRunAsync(RunBody.Of(runId: "slot-2"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using (var third = await agent.PostRunAsync(RunBody.Of(runId: "slot-3")))
        {
            Assert.Equal("resource_exhausted", await Problem.CodeOfAsync(third, 429));
        }

        Assert.Equal(1, await agent.MetricAsync("netra_agent_runs_rejected_total{code=\"resource_exhausted\"}"));
        Assert.Null(await agent.RunStatusAsync("slot-3"));
        using (await agent.CancelAsync("slot-1"))
        {
        }

        await Eventually.WaitUntilAsync(async () => await agent.RunStatusAsync("slot-1") == "cancelled", "the first run to end");
        using var fourth = await agent.PostRunAsync(RunBody.Of(runId: "slot-4"));
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
    }
}
