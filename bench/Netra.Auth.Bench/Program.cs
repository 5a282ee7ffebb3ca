using Netra.Auth.Bench;

// dotnet run -c Release --project bench/Netra.Auth.Bench
// Hosts the auth service on a loopback port in this process, measures, prints a table and stops.
await using var bench = await AuthBenchHost.StartAsync();
var results = new List<BenchResult>
{
    await Measurements.IssueAsync(bench),
    await Measurements.LocalJwksValidationAsync(bench),
    await Measurements.SignatureOnlyAsync(bench),
    await Measurements.ValidateEndpointAsync(bench, concurrency: 32, requests: 20_000),
    await Measurements.ClientCredentialsEndpointAsync(bench, concurrency: 8, requests: 400),
};
BenchResult.PrintTable(results, Console.Out);
