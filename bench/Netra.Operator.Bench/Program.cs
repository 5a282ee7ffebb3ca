using System.Globalization;
using Netra.Bench;
using Netra.Operator.Bench;
using Netra.TestBed;

// dotnet publish src/OperatorImage -c Release   (the cluster image's binary, measured by default)
// dotnet run -c Release --project bench/Netra.Operator.Bench [-- [RUNS] [WORKERS] [--quick] [--json FILE]]
// A real control plane, the operator as its own process with the chart's RBAC; single TestRuns one at a time
// (10, or 3 with --quick), then RUNS (default 100) Existing-mode TestRuns at once; probe pods are finished
// instantly by InstantKubelet. Beside each figure, the API server's round trip measured by the same client.
// With --ui instead: the results UI with 1,000 finished runs (UiBench); with --growth: the operator's cost as the cluster
// grows to 10,000 Deployments and 1,000 finished runs (GrowthBench).
var quick = args.Contains("--quick");
var jsonPath = FigureFile.PathFrom(args);
if (args.Contains("--growth") || args.Contains("--ui"))
{
    var growth = args.Contains("--growth");
    var aside = new OperatorTestBed();
    await aside.InitializeAsync(growth ? "{}" : "ui: {enabled: true}");
    try
    {
        var executable = OperatorProcess.DefaultExecutable();
        await FigureFile.WriteAsync(jsonPath, growth ? "growth" : "ui", growth
            ? await new GrowthBench(aside, executable, quick).RunAsync()
            : await new UiBench(aside, executable, quick).RunAsync());
    }
    finally
    {
        await aside.DisposeAsync();
    }

    return;
}

var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--json")).ToList();
var runs = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 100;
var workers = positional.Count > 1
    ? int.Parse(positional[1], CultureInfo.InvariantCulture)
    : new Netra.Operator.Core.Serve.ServeOptions().Workers;
var singles = quick ? 3 : 10;

var bed = new OperatorTestBed();
await bed.InitializeAsync();
try
{
    bed.Kubelet.Pause();
    await using var kubelet = new InstantKubelet(bed.Admin);
    await using var timeline = await RunTimeline.StartAsync(bed.Admin);
    using var http = new HttpClient();
    var executable = OperatorProcess.DefaultExecutable();
    var kubeconfig = bed.Cp.WriteKubeconfig(bed.Cp.OperatorToken);
    using var operatorProcess = OperatorProcess.Start(
        executable, kubeconfig, ControlPlane.OperatorNamespace, workers, OperatorProcess.Unqueued(runs));
    await operatorProcess.WaitUntilLeadingAsync(http);
    var quiet = TimeSpan.FromSeconds(quick ? 1 : 2);
    await operatorProcess.WaitUntilIdleAsync(http, quiet);
    var idleMiB = operatorProcess.ResidentMiB();

    var roundTrip = new ApiRoundTrip(bed);
    var roundTripOne = await roundTrip.OneAtATimeAsync(quick ? 10 : 30);
    var (roundTripAtOnce, createsPerSecond) = await roundTrip.AtOnceAsync(runs);

    var singleResults = new List<BatchResult>();
    for (var i = 0; i < singles; i++)
    {
        singleResults.Add(await new Batch(bed, operatorProcess, timeline, "single", 1).RunAsync(http));
    }

    var burst = await new Batch(bed, operatorProcess, timeline, "burst", runs).RunAsync(http);
    await operatorProcess.WaitUntilIdleAsync(http, quiet);
    var idleAfterMiB = operatorProcess.ResidentMiB();
    var heapAfterMiB = await operatorProcess.HeapMiBAsync(http);

    var kind = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
        ? "JIT build run by dotnet"
        : "native binary, as the image runs it";
    var measurements = new OperatorMeasurements(
        new Latencies(singleResults.Select(r => r.CreateToJob.P50)),
        new Latencies(singleResults.Select(r => r.JobCompleteToStatus.P50)),
        burst,
        runs,
        roundTripOne,
        roundTripAtOnce,
        createsPerSecond,
        idleMiB,
        idleAfterMiB,
        $"netra-operator serve as its own process ({kind}: {Path.GetRelativePath(Repository.Root, executable)}), {workers} workers, "
        + $"queue limits raised to {runs} runs, kube-apiserver 1.20.2 on loopback");
    var figures = OperatorFigures.Create(measurements);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        netra-operator bench: {measurements.Setup}, {Environment.ProcessorCount} cores
        managed heap after the burst {heapAfterMiB:0} MiB; operator CPU for {runs} runs {burst.Cpu.TotalSeconds:0.00} s
        """));
    foreach (var figure in figures)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {figure.Name,-52} {figure.Value,9:0.0} {figure.Unit,-13} limit {figure.Limit,9:0.0}  ({figure.LimitName ?? "-"})"));
    }

    await FigureFile.WriteAsync(jsonPath, "operator", figures);
}
finally
{
    await bed.DisposeAsync();
}
