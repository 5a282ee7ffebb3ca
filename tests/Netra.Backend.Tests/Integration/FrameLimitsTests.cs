using System.Net;
using System.Net.WebSockets;
using System.Text;
using Netra.Backend.Tests.Support;
using Netra.Testing;

namespace Netra.Backend.Tests.Integration;

/// <summary>Issue 15 items 8 and 9: every frame costs the sender, and a bad token is the client's fault.</summary>
public sealed class FrameLimitsTests
{
    [Fact]
    public async Task Invalid_frames_count_against_the_rate_and_persistent_abuse_closes_4029()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:MessagesPerMinute=5", "--Backend:RateLimitStrikes=3"]);
        using var socket = await stack.ConnectAsAsync("alice");

        for (var i = 0; i < 6; i++)
        {
            await socket.SendRawAsync("not json");
        }

        await socket.ExpectAsync("rate_limited");
        Assert.Equal(5, socket.Frames.Count(f => TestSocket.Type(f) == "error"));
        for (var i = 0; i < 10 && socket.Disconnection is null; i++)
        {
            await socket.SendRawAsync("{\"type\":\"no_such_type\"}");
        }

        Assert.Equal(4029, (int)(await socket.ExpectClosedAsync()).CloseStatus!);
        Assert.Equal(5, socket.Frames.Count(f => TestSocket.Type(f) == "error"));
    }

    [Fact]
    public async Task Binary_frames_count_against_the_rate_until_the_connection_is_closed_4029()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:MessagesPerMinute=5", "--Backend:RateLimitStrikes=3"]);
        using var socket = await RawSocket.ConnectAsync(stack.WebSocketUri, await stack.LoginAsync("alice"));
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var reading = DrainAsync(socket, deadline.Token);

        try
        {
            for (var i = 0; i < 100 && socket.State == WebSocketState.Open; i++)
            {
                await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, deadline.Token);
            }
        }
        catch (WebSocketException)
        {
            // The server closed while we were still sending.
        }

        var received = await reading;
        Assert.Equal(4029, (int)socket.CloseStatus!);
        Assert.Equal(5, received.Count(text => text.Contains("\"invalid_message\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Auth_refresh_frames_are_rate_limited_on_their_own()
    {
        await using var stack = await LiveServices.StartAsync(backend: ["--Backend:AuthRefreshesPerMinute=2"]);
        var token = await stack.LoginAsync("alice");
        using var socket = await stack.ConnectAsync(token);

        for (var i = 0; i < 3; i++)
        {
            await socket.SendAsync("auth_refresh", new { access_token = token }, id: $"r{i}");
        }

        var limited = await socket.ExpectAsync("rate_limited");
        Assert.Equal("r2", limited.GetProperty("id").GetString());
        Assert.Equal(2, socket.Frames.Count(f => TestSocket.Type(f) == "auth_refreshed"));
        Assert.True(socket.IsOpen);
    }

    [Theory]
    [InlineData("bm90LWpzb24.e30.c2ln")] // a header that is not JSON
    [InlineData("eyJhbGciOiJSUzI1NiJ9.%%%.c2ln")] // a payload that is not base64url
    [InlineData("eyJhbGciOiJSUzI1NiIsImtpZCI6Im5vLXN1Y2gta2V5In0.e30.c2ln")] // an unknown key id
    public async Task A_malformed_token_gets_401_not_503(string token)
    {
        await using var stack = await LiveServices.StartAsync();

        var status = await RawSocket.UpgradeStatusAsync(stack.WebSocketUri, o => o.SetRequestHeader("Authorization", $"Bearer {token}"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static async Task<List<string>> DrainAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return texts;
            }

            texts.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
    }
}
