using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Netra.Agent;
using Netra.Auth;
using Netra.Backend;
using Netra.Backend.WebSockets;
using Netra.ServiceDefaults;

namespace Netra.Backend.Bench;

/// <summary>
/// The server side of the benchmark, in a process of its own so that its memory is measured apart from the
/// clients': auth, agent and backend on loopback. It answers <c>stats</c> and <c>quit</c> on stdin.
/// </summary>
public static class ServerHost
{
    public const string ReadyPrefix = "READY ";
    public const string StatsPrefix = "STATS ";

    public static async Task RunAsync(BenchOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("netra-backend-bench-").FullName;
        // No console logs: stdout is the bench's protocol and nobody drains it between commands. On a loaded machine the
        // services' warnings (auth calls timing out) filled the pipe and every thread blocked on the console.
        string[] quiet = [LoopbackHosting.FreeLoopbackPort, "--environment=Development", "--Serilog:Console=false",
            "--Serilog:MinimumLevel:Default=Warning"];
        await using var auth = AuthApp.Create([.. quiet, $"--Auth:DataPath={Path.Combine(folder, "auth.db")}", "--Auth:LoginThrottling:AttemptsPerAddress=100000"]);
        var authUrl = await auth.StartAndGetAddressAsync();
        await using var agent = AgentApp.Create([.. quiet, $"--Services:AuthUrl={authUrl}", "--Agent:Streaming:ChunkDelay=00:00:00",
            $"--Agent:MaxConcurrentRuns={Math.Max(100, options.Rate * 2)}", $"--Agent:MaxConcurrentRunsPerUser={Math.Max(100, options.Rate * 2)}",
            "--Agent:Auth:RevocationCacheDuration=00:00:30"]);
        var agentUrl = await agent.StartAndGetAddressAsync();
        // The backend runs as its chart deploys it (Production: no developer exception page around each connection), with the
        // development client secret the auth service above knows.
        string[] production = [LoopbackHosting.FreeLoopbackPort, "--environment=Production", "--Serilog:Console=false",
            "--Serilog:MinimumLevel:Default=Warning",
            $"--Backend:ClientSecret={BackendOptions.DevelopmentClientSecret}"];
        await using var backend = BackendApp.Create([.. production, $"--Services:AuthUrl={authUrl}", $"--Services:AgentUrl={agentUrl}",
            $"--Backend:DataPath={Path.Combine(folder, "backend.db")}", $"--Backend:MaxConnectionsPerUser={options.Connections + 10}",
            "--Backend:MessagesPerMinute=100000000", $"--Backend:AuthRecheckInterval={options.AuthRecheckInterval}"]);
        var backendUrl = await backend.StartAndGetAddressAsync();
        var connections = backend.Services.GetRequiredService<ConnectionRegistry>();

        Console.WriteLine($"{ReadyPrefix}{backendUrl} {authUrl}");
        while (await Console.In.ReadLineAsync() is { } command && command != "quit")
        {
            if (command == "stats")
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                using var self = Process.GetCurrentProcess();
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{StatsPrefix}{self.WorkingSet64} {heap} {connections.OpenConnections} {connections.SlowConsumerClosures}"));
            }
        }

        await backend.StopAsync();
        await agent.StopAsync();
        await auth.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
