using System.Net;
using Netra.Auth.Tests.Support;

namespace Netra.Auth.Tests.Integration;

/// <summary>Every response names the pod that answered in <c>Netra-Pod</c>: <c>POD_NAME</c>, else the machine's name.</summary>
public sealed class PodNameTests
{
    private const string PodName = "netra-auth-6f7d9c5b8-x2k8q";

    [Fact]
    public async Task Answers_of_every_kind_name_the_pod_from_POD_NAME()
    {
        await using var auth = await AuthHost.StartAsync($"--POD_NAME={PodName}");

        using var login = await auth.LoginResponseAsync("alice", "alice-dev-password");
        using var wrongPassword = await auth.LoginResponseAsync("alice", "not-her-password");
        using var unreadable = await auth.Http.PostAsync("/v1/auth/login", new StringContent("{not json", null, "application/json"));
        using var unknown = await auth.Http.GetAsync("/no-such-path");
        using var health = await auth.Http.GetAsync("/healthz");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.OK],
            [login.StatusCode, wrongPassword.StatusCode, unreadable.StatusCode, unknown.StatusCode, health.StatusCode]);
        Assert.All(
            [login, wrongPassword, unreadable, unknown, health],
            response => Assert.Equal([PodName], response.Headers.GetValues("Netra-Pod")));
    }

    [Fact]
    public async Task Without_POD_NAME_the_machine_name_answers()
    {
        await using var auth = await AuthHost.StartAsync();

        using var response = await auth.Http.GetAsync("/.well-known/jwks.json");

        Assert.Equal([Environment.MachineName], response.Headers.GetValues("Netra-Pod"));
    }
}
