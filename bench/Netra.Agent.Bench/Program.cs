using Netra.Agent;
using Netra.Agent.Bench;
using Netra.Auth;
using Netra.ServiceDefaults;

// Runs per second and time to first event of agent runs with the scripted model, at 1, 10 and
// 100 concurrent runs, against the auth and agent services started in this process on loopback.
string[] quiet = [LoopbackHosting.FreeLoopbackPort, "--environment=Development", "--Serilog:MinimumLevel:Default=Warning"];
var authData = Path.Combine(Path.GetTempPath(), $"netra-agent-bench-auth-{Guid.NewGuid():N}.db");
await using var auth = AuthApp.Create([.. quiet, $"--Auth:DataPath={authData}"]);
var authUrl = await auth.StartAndGetAddressAsync();
await using var agent = AgentApp.Create([.. quiet, $"--Services:AuthUrl={authUrl}", "--Agent:MaxConcurrentRuns=200"]);
var agentUrl = await agent.StartAndGetAddressAsync();

using var client = new RunClient(agentUrl, await RunClient.ServiceTokenAsync(authUrl));
await new LoadLevel(Concurrency: 4, Runs: 100, TimeLimit: TimeSpan.FromSeconds(30)).RunAsync(client); // warm-up, not reported

Console.WriteLine($"agent runs, scripted model, default pacing, loopback ({Environment.ProcessorCount} cores); each run validates its token against auth");
Console.WriteLine($"{"concurrency",11} {"runs",6} {"runs/s",8} {"first event p50",16} {"p99",8} {"whole run p50",14} {"p99",8} {"failed",7}");
foreach (var level in new[] { new LoadLevel(1, 300), new LoadLevel(10, 1000), new LoadLevel(100, 2000) })
{
    var result = await level.RunAsync(client);
    Console.WriteLine(
        $"{level.Concurrency,11} {result.Runs,6} {result.RunsPerSecond,8:0} {Ms(result.FirstEvent.P50),16} {Ms(result.FirstEvent.P99),8} " +
        $"{Ms(result.WholeRun.P50),14} {Ms(result.WholeRun.P99),8} {result.Failed,7}");
}

await agent.StopAsync();
await auth.StopAsync();
foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(authData) + "*"))
{
    File.Delete(file);
}

static string Ms(TimeSpan value) => $"{value.TotalMilliseconds:0.0} ms";
