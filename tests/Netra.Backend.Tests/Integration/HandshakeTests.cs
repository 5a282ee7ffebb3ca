using System.Net;
using System.Net.Http.Json;
using Netra.Backend.Tests.Support;
using Netra.Testing;

namespace Netra.Backend.Tests.Integration;

public sealed class HandshakeTests
{
    [Fact]
    public async Task A_bearer_header_connects_and_connected_comes_first()
    {
        await using var stack = await LiveServices.StartAsync();
        using var socket = await TestSocket.ConnectAsync(stack.WebSocketUri, await stack.LoginAsync("alice"));

        var connected = await socket.ExpectAsync("connected");

        Assert.Equal("connected", TestSocket.Type(socket.Frames[0]));
        Assert.Equal(1, TestSocket.Seq(connected));
        var payload = TestSocket.Payload(connected);
        Assert.Equal("alice", payload.GetProperty("user_id").GetString());
        Assert.False(payload.GetProperty("resumed").GetBoolean());
        Assert.StartsWith("ses_", payload.GetProperty("session_id").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(connected.GetProperty("ts").GetString(), out _));
    }

    [Fact]
    public async Task The_subprotocol_pair_connects_and_the_server_selects_netra_v1()
    {
        await using var stack = await LiveServices.StartAsync();
        var token = await stack.LoginAsync("bob");
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.AddSubProtocol("netra.v1");
        socket.Options.AddSubProtocol($"bearer.{token}");

        await socket.ConnectAsync(stack.WebSocketUri, new CancellationTokenSource(Eventually.DefaultTimeout).Token);

        Assert.Equal("netra.v1", socket.SubProtocol);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Contains("\"type\":\"connected\"", System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_malformed_forged_and_revoked_tokens_get_401_before_the_upgrade()
    {
        await using var stack = await LiveServices.StartAsync();
        var token = await stack.LoginAsync("alice");
        var revoked = await stack.LoginAsync("alice");
        await stack.LogoutAsync(revoked);
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA";

        Assert.Equal(HttpStatusCode.Unauthorized, await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, _ => { }));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", "Bearer not-a-jwt")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {forged}")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {revoked}")));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.AddSubProtocol($"bearer.{token}")));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {token}")));
    }

    [Fact]
    public async Task A_service_token_for_another_audience_is_refused()
    {
        await using var stack = await LiveServices.StartAsync();
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(stack.Auth.Address, "/v1/auth/token"), new
        {
            grant_type = "client_credentials",
            client_id = "netra-backend",
            client_secret = "netra-backend-dev-secret",
            audience = "netra-agent",
        });
        response.EnsureSuccessStatusCode();
        var serviceToken = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonDocument>())!.RootElement.GetProperty("access_token").GetString();

        var status = await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {serviceToken}"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Disallowed_origins_are_refused_before_the_upgrade()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:AllowedOrigins:0=https://app.netra.example"]);
        var token = await stack.LoginAsync("alice");

        var foreign = await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o =>
        {
            o.SetRequestHeader("Authorization", $"Bearer {token}");
            o.SetRequestHeader("Origin", "https://evil.example");
        });
        var allowed = await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o =>
        {
            o.SetRequestHeader("Authorization", $"Bearer {token}");
            o.SetRequestHeader("Origin", "https://app.netra.example");
        });
        var noOrigin = await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {token}"));

        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, allowed);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, noOrigin);
    }

    [Fact]
    public async Task Connections_per_user_are_capped()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:MaxConnectionsPerUser=2"]);
        var alice = await stack.LoginAsync("alice");
        using var first = await stack.ConnectAsync(alice);
        using var second = await stack.ConnectAsync(alice);

        var third = await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {alice}"));
        using var bob = await stack.ConnectAsAsync("bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, third);
        Assert.True(bob.IsOpen);
        first.Dispose();
        await Eventually.WaitUntilAsync(() => stack.Connections.ConnectionsOf("alice") == 1, "alice's first connection to be released");
        using var again = await stack.ConnectAsync(alice);
        Assert.True(again.IsOpen);
    }

    [Fact]
    public async Task A_token_signed_with_a_rotated_key_is_accepted_after_refetching_the_jwks()
    {
        await using var stack = await LiveServices.StartAsync(auth: ["--Auth:SigningKeyRotationInterval=00:00:03", "--Auth:SigningKeyPublishLead=00:00:00.500"]);
        var first = await stack.LoginAsync("alice");
        using var before = await stack.ConnectAsync(first);

        string? rotated = null;
        await Eventually.WaitUntilAsync(
            async () => KeyId(rotated = await stack.LoginAsync("alice")) != KeyId(first),
            "the auth service to sign with its next key",
            TimeSpan.FromSeconds(20));
        using var after = await stack.ConnectAsync(rotated!);

        Assert.True(after.IsOpen);
        Assert.Equal("alice", TestSocket.Payload(after.Frames[0]).GetProperty("user_id").GetString());
    }

    private static string KeyId(string jwt)
    {
        var header = jwt.Split('.')[0].Replace('-', '+').Replace('_', '/');
        header = header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=');
        using var document = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(header));
        return document.RootElement.GetProperty("kid").GetString()!;
    }
}
