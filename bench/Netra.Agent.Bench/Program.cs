using Netra.Agent;
using Netra.Agent.Bench;
using Netra.Auth;
using Netra.Bench;
using Netra.ServiceDefaults;

// dotnet run -c Release --project bench/Netra.Agent.Bench [-- --quick] [--json FILE] [--Agent:KEY=VALUE...]
// Runs per second and time to first event of agent runs with the scripted model, at 1, 10 and 100 concurrent runs
// (10 and 100 with --quick, fewer runs), against the auth and agent services started in this process on loopback;
// beside them, the same client against a bare Kestrel event stream at the same concurrency, the two taking turns.
// --Agent:... arguments configure the agent (to measure what a setting costs, e.g. --Agent:Auth:RevocationCacheDuration=00:01:00).
var quick = args.Contains("--quick");
string[] quiet = [LoopbackHosting.FreeLoopbackPort, "--environment=Development", "--Serilog:MinimumLevel:Default=Warning"];
var authData = Path.Combine(Path.GetTempPath(), $"netra-agent-bench-auth-{Guid.NewGuid():N}.db");
await using var auth = AuthApp.Create([.. quiet, $"--Auth:DataPath={authData}"]);
var authUrl = await auth.StartAndGetAddressAsync();
await using var agent = AgentApp.Create([.. quiet, $"--Services:AuthUrl={authUrl}", "--Agent:MaxConcurrentRuns=200",
    .. args.Where(a => a.StartsWith("--Agent:", StringComparison.Ordinal))]);
var agentUrl = await agent.StartAndGetAddressAsync();
var (bare, bareUrl) = await BareEventStream.StartAsync();
await using var bareApp = bare;

var token = await RunClient.ServiceTokenAsync(authUrl);
using var client = new RunClient(agentUrl, token);
using var bareClient = new RunClient(bareUrl, token);
var warmUp = new LoadLevel(Concurrency: 4, Runs: quick ? 30 : 100, TimeLimit: TimeSpan.FromSeconds(30));
await warmUp.RunAsync(client);
await warmUp.RunAsync(bareClient);
// Agent and bare stream take turns, each level in rounds, so that both meet the same machine (see LoadLevel.CompareAsync).
const int Rounds = 4;

Console.WriteLine(
    $"agent runs, scripted model, default pacing, loopback ({Environment.ProcessorCount} cores); "
    + "each run validates its token against auth");
Console.WriteLine(
    $"{"concurrency",11} {"runs",6} {"runs/s",8} {"first event p50",16} {"p99",8} {"whole run p50",14} {"p99",8} {"failed",7}");
LoadLevel[] levels = quick
    ? [new(10, 300, TimeSpan.FromSeconds(5)), new(100, 500, TimeSpan.FromSeconds(5))]
    : [new(1, 300), new(10, 1000), new(100, 2000)];
var results = new Dictionary<(int, bool), LoadResult>();
foreach (var level in levels)
{
    var compared = await level.CompareAsync([client, bareClient], Rounds);
    foreach (var (result, bareSide) in new[] { (compared[0], false), (compared[1], true) })
    {
        results[(level.Concurrency, bareSide)] = result;
        Console.WriteLine(
            $"{level.Concurrency,11} {result.Runs,6} {result.RunsPerSecond,8:0} "
            + $"{Ms(result.FirstEvent.P50),16} {Ms(result.FirstEvent.P99),8} "
            + $"{Ms(result.WholeRun.P50),14} {Ms(result.WholeRun.P99),8} {result.Failed,7}"
            + (bareSide ? "  (bare Kestrel event stream)" : ""));
    }
}

await FigureFile.WriteAsync(FigureFile.PathFrom(args), "agent", AgentFigures.Create(
    results[(10, false)], results[(10, true)], results[(100, false)], results[(100, true)]));
await bare.StopAsync();
await agent.StopAsync();
await auth.StopAsync();
foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(authData) + "*"))
{
    File.Delete(file);
}

static string Ms(TimeSpan value) => $"{value.TotalMilliseconds:0.0} ms";
