using Netra.Auth.Bench;
using Netra.Bench;

// dotnet run -c Release --project bench/Netra.Auth.Bench [-- --quick] [--json FILE]
// Hosts the auth service on a loopback port in this process, measures, prints a table and stops.
var quick = args.Contains("--quick");
if (quick)
{
    Timing.UseQuick();
}

await using var bench = await AuthBenchHost.StartAsync();
var issue = await Measurements.IssueAsync(bench);
var bareSigning = await LibraryCeilings.BareSigningAsync(bench);
var service = await LibraryCeilings.ServiceValidationAsync(bench);
var bare = await LibraryCeilings.BareValidationAsync(bench);
var algorithms = await AlgorithmComparison.MeasureAsync();
List<BenchResult> results =
[
    issue,
    bareSigning,
    service,
    bare,
    await Measurements.LocalJwksValidationAsync(bench),
    await Measurements.SignatureOnlyAsync(bench),
    .. algorithms,
    await Measurements.ValidateEndpointAsync(bench, concurrency: 32, requests: quick ? 4_000 : 20_000),
    await Measurements.ClientCredentialsEndpointAsync(bench, concurrency: 8, requests: quick ? 100 : 400),
];
BenchResult.PrintTable(results, Console.Out);
await FigureFile.WriteAsync(FigureFile.PathFrom(args), "auth", AuthFigures.Create(issue, bareSigning, service, bare, algorithms));
