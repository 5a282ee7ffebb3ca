using System.Net;
using System.Text;
using Netra.Agent.Tests.Support;

namespace Netra.Agent.Tests;

/// <summary>Issue 15 items 8 and 9: what one user or one client can do to the agent is bounded, and leaks nothing.</summary>
[Collection(AgentOverHttp.Name)]
public sealed class AbuseTests(AuthServiceFixture auth)
{
    [Fact]
    public async Task One_user_cannot_take_every_run_slot()
    {
        await using var agent = await AgentUnderTest.StartAsync(
            auth, "--Agent:MaxConcurrentRuns=4", "--Agent:MaxConcurrentRunsPerUser=2", "--Agent:Streaming:ChunkDelay=00:00:01");
        using var first = await agent.PostRunAsync(RunBody.Of(userId: "greedy", runId: "g-1"));
        using var second = await agent.PostRunAsync(RunBody.Of(userId: "greedy", runId: "g-2"));

        using var third = await agent.PostRunAsync(RunBody.Of(userId: "greedy", runId: "g-3"));
        using var someoneElse = await agent.PostRunAsync(RunBody.Of(userId: "bob", runId: "b-1"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("resource_exhausted", await Problem.CodeOfAsync(third, 429));
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    [Fact]
    public async Task Another_clients_run_id_cannot_be_detected_through_a_conflict()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth, "--Agent:Streaming:ChunkDelay=00:00:01");
        var probes = await auth.ServiceTokenAsync(AuthServiceFixture.ProbesClient);
        using var backendRun = await agent.PostRunAsync(RunBody.Of(runId: "taken"));
        Assert.Equal(HttpStatusCode.OK, backendRun.StatusCode);

        using var probesRun = await agent.PostRunAsync(RunBody.Of(runId: "taken"), probes);
        using var sameClientAgain = await agent.PostRunAsync(RunBody.Of(runId: "taken"));

        Assert.Equal(HttpStatusCode.OK, probesRun.StatusCode);
        Assert.Equal("run_conflict", await Problem.CodeOfAsync(sameClientAgain, 409));
    }

    [Fact]
    public async Task A_signed_token_without_sub_is_401_not_500()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth);
        var token = auth.SignWithAuthKey(new Dictionary<string, object> { ["scope"] = "agent:run", ["jti"] = Guid.NewGuid().ToString("N") });

        using var response = await agent.PostRunAsync(RunBody.Of(), token);

        Assert.Equal("invalid_token", await Problem.CodeOfAsync(response, 401));
    }

    [Fact]
    public async Task A_body_larger_than_any_valid_request_is_refused_with_413_before_it_is_bound()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth);
        var padding = new string('x', 400 * 1024);
        var body = $$"""{"user_id":"alice","thread_id":"t","input":"{{padding}}"}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await agent.Http.PostAsync("/v1/runs", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
