using System.Net;
using Netra.Agent.Tests.Support;

namespace Netra.Agent.Tests;

[Collection(AgentOverHttp.Name)]
public sealed class ServiceTokenTests(AuthServiceFixture auth) : IAsyncLifetime
{
    private AgentUnderTest _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentUnderTest.StartAsync(auth);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_request_without_a_token_is_401_missing_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs") { Content = System.Net.Http.Json.JsonContent.Create(RunBody.Of()) };
        using var anonymous = new HttpClient { BaseAddress = _agent.Address };
        using var response = await anonymous.SendAsync(request);

        Assert.Equal("missing_token", await Problem.CodeOfAsync(response, 401));
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/v1/runs", "{not json")]
    [InlineData("GET", "/v1/runs/some-run", null)]
    [InlineData("POST", "/v1/runs/some-run/cancel", null)]
    public async Task Every_runs_endpoint_checks_the_token_before_anything_else(string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var anonymous = new HttpClient { BaseAddress = _agent.Address };
        using var response = await anonymous.SendAsync(request);

        Assert.Equal("missing_token", await Problem.CodeOfAsync(response, 401));
    }

    [Fact]
    public async Task A_user_token_is_refused()
    {
        var userToken = await auth.UserTokenAsync("alice");

        using var response = await _agent.PostRunAsync(RunBody.Of(), userToken);

        Assert.Equal("invalid_token", await Problem.CodeOfAsync(response, 401));
        Assert.DoesNotContain(userToken, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_token_for_another_audience_is_refused()
    {
        var backendAudience = await auth.ServiceTokenAsync(AuthServiceFixture.ProbesClient, audience: "netra-backend");

        using var response = await _agent.PostRunAsync(RunBody.Of(), backendAudience);

        Assert.Equal("invalid_token", await Problem.CodeOfAsync(response, 401));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJuZXRyYS1iYWNrZW5kIiwiYXVkIjoibmV0cmEtYWdlbnQifQ.")]
    public async Task Garbage_and_unsigned_tokens_are_refused(string token)
    {
        using var response = await _agent.PostRunAsync(RunBody.Of(), token);

        Assert.Equal("invalid_token", await Problem.CodeOfAsync(response, 401));
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_refused()
    {
        var parts = _agent.Token.Split('.');
        var tampered = string.Join('.', parts[0], parts[1][..^2] + (parts[1][^2] == 'A' ? "B" : "A") + parts[1][^1], parts[2]);

        using var response = await _agent.PostRunAsync(RunBody.Of(), tampered);

        Assert.Equal("invalid_token", await Problem.CodeOfAsync(response, 401));
    }

    [Fact]
    public async Task A_revoked_service_token_is_refused_at_once()
    {
        var token = await auth.ServiceTokenAsync();
        var before = await _agent.RunAsync(RunBody.Of(), token);
        Assert.Equal("final_report", before[^1].Type);

        await auth.RevokeAsync(token);
        using var response = await _agent.PostRunAsync(RunBody.Of(), token);

        Assert.Equal("invalid_token", await Problem.CodeOfAsync(response, 401));
    }

    [Fact]
    public async Task Every_seed_client_granted_agent_run_may_start_runs()
    {
        var probes = await auth.ServiceTokenAsync(AuthServiceFixture.ProbesClient);

        var events = await _agent.RunAsync(RunBody.Of(), probes);

        Assert.Equal("final_report", events[^1].Type);
    }

    [Fact]
    public async Task Health_and_metrics_need_no_token()
    {
        using var anonymous = new HttpClient { BaseAddress = _agent.Address };

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task An_unreachable_auth_service_is_503_auth_unavailable_not_an_accepted_token()
    {
        // Port 9 on loopback (discard) has no listener here: every call to "auth" is refused.
        await using var orphan = await AgentUnderTest.StartAsync(auth, "--Services:AuthUrl=http://127.0.0.1:9");

        using var response = await orphan.PostRunAsync(RunBody.Of());

        Assert.Equal("auth_unavailable", await Problem.CodeOfAsync(response, 503));
    }
}
