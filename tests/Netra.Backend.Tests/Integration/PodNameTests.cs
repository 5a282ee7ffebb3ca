using System.Net;
using Netra.Backend.Tests.Support;

namespace Netra.Backend.Tests.Integration;

/// <summary>Every response names the pod that answered in <c>Netra-Pod</c>, the WebSocket upgrade's 101 too.</summary>
public sealed class PodNameTests
{
    [Fact]
    public async Task The_upgrade_its_refusal_and_the_health_check_name_the_pod_from_POD_NAME()
    {
        const string PodName = "netra-backend-7b8c6d5f4-m9n3p";
        await using var stack = await LiveServices.StartAsync(backend: [$"--POD_NAME={PodName}"]);
        var token = await stack.LoginAsync("alice");
        using var http = new HttpClient();

        var accepted = await RawSocket.UpgradeAnswerAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {token}"));
        var refused = await RawSocket.UpgradeAnswerAsync(stack.WebSocketUri, _ => { });
        using var health = await http.GetAsync(new Uri(stack.Backend.Address, "/healthz"));

        Assert.Equal((HttpStatusCode.SwitchingProtocols, PodName), accepted);
        Assert.Equal((HttpStatusCode.Unauthorized, PodName), refused);
        Assert.Equal([PodName], health.Headers.GetValues("Netra-Pod"));
    }

    [Fact]
    public async Task Without_POD_NAME_the_machine_name_answers_the_upgrade()
    {
        await using var stack = await LiveServices.StartAsync();
        var token = await stack.LoginAsync("alice");

        var accepted = await RawSocket.UpgradeAnswerAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {token}"));

        Assert.Equal((HttpStatusCode.SwitchingProtocols, Environment.MachineName), accepted);
    }
}
