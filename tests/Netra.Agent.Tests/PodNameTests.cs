using System.Net;
using Netra.Agent.Tests.Support;

namespace Netra.Agent.Tests;

/// <summary>Every response names the pod that answered in <c>Netra-Pod</c>, an event stream and a refusal alike.</summary>
[Collection(AgentOverHttp.Name)]
public sealed class PodNameTests(AuthServiceFixture auth)
{
    [Fact]
    public async Task A_run_a_refusal_and_the_health_check_name_the_pod_from_POD_NAME()
    {
        const string PodName = "netra-agent-5c9f8d7b6-q4w2e";
        await using var agent = await AgentUnderTest.StartAsync(auth, $"--POD_NAME={PodName}");
        using var anonymous = new HttpClient { BaseAddress = agent.Address };

        using var run = await agent.PostRunAsync(RunBody.Of());
        using var refused = await anonymous.PostAsync("/v1/runs", null);
        using var health = await anonymous.GetAsync("/healthz");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK], [run.StatusCode, refused.StatusCode, health.StatusCode]);
        Assert.All([run, refused, health], response => Assert.Equal([PodName], response.Headers.GetValues("Netra-Pod")));
    }

    [Fact]
    public async Task Without_POD_NAME_the_machine_name_answers()
    {
        await using var agent = await AgentUnderTest.StartAsync(auth);

        using var response = await agent.Http.GetAsync("/healthz");

        Assert.Equal([Environment.MachineName], response.Headers.GetValues("Netra-Pod"));
    }
}
