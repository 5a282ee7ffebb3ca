using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Netra.ServiceDefaults;

namespace Netra.Backend.Bench;

/// <summary>
/// The limit beside the backend: a bare Kestrel WebSocket echo server in a process of its own, answering
/// <c>stats</c> and <c>quit</c> on stdin as <see cref="ServerHost"/> does.
/// </summary>
public static class EchoHost
{
    public static async Task RunAsync()
    {
        var open = 0;
        var builder = WebApplication.CreateSlimBuilder([LoopbackHosting.FreeLoopbackPort]);
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        // Stdout is the bench's protocol and nobody drains it between commands: a log line per request filled the pipe
        // after about 1,600 connections, and the server stopped accepting with its threads blocked on the console.
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            Interlocked.Increment(ref open);
            var buffer = new byte[4096];
            try
            {
                while (await socket.ReceiveAsync(buffer, context.RequestAborted) is { MessageType: not WebSocketMessageType.Close } frame)
                {
                    await socket.SendAsync(buffer.AsMemory(0, frame.Count), frame.MessageType, frame.EndOfMessage, context.RequestAborted);
                }
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            }
            finally
            {
                Interlocked.Decrement(ref open);
            }
        });
        var url = await app.StartAndGetAddressAsync();
        Console.WriteLine($"{ServerHost.ReadyPrefix}{url} {url}");
        while (await Console.In.ReadLineAsync() is { } command && command != "quit")
        {
            if (command == "stats")
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                using var self = Process.GetCurrentProcess();
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ServerHost.StatsPrefix}{self.WorkingSet64} {heap} {open} 0"));
            }
        }

        await app.StopAsync();
    }
}
