using System.Globalization;
using Netra.Operator.Bench;
using Netra.TestBed;
using Netra.Testing;

// dotnet publish src/OperatorImage -c Release   (the cluster image's binary, measured by default)
// dotnet run -c Release --project bench/Netra.Operator.Bench [-- RUNS [WORKERS]]
// A real control plane, the operator as its own process with the chart's RBAC; one TestRun first
// (the operator's first run after start), then RUNS (default 100) Existing-mode
// TestRuns at once; probe pods are finished instantly by InstantKubelet.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var workers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : new Netra.Operator.Core.Serve.ServeOptions().Workers;
var bed = new OperatorTestBed();
await bed.InitializeAsync();
try
{
    bed.Kubelet.Pause();
    await using var kubelet = new InstantKubelet(bed.Admin);
    using var http = new HttpClient();
    var executable = OperatorProcess.DefaultExecutable();
    using var operatorProcess = OperatorProcess.Start(executable, bed.Cp.WriteKubeconfig(bed.Cp.OperatorToken), ControlPlane.OperatorNamespace, workers);
    await Eventually.WaitUntilAsync(async () =>
    {
        try
        {
            return (await http.GetStringAsync(operatorProcess.MetricsUrl)).Contains("netra_operator_leader 1", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, "operator leads", TimeSpan.FromSeconds(60));
    var idleMiB = operatorProcess.ResidentMiB();

    var first = new Batch(bed, operatorProcess, "first", 1);
    var firstReport = await first.RunAsync(http);
    var burst = new Batch(bed, operatorProcess, "burst", runs);
    var burstReport = await burst.RunAsync(http);
    var reconciles = -1.0;
    await Eventually.WaitUntilAsync(async () =>
    {
        // Idle again: no reconcile for two seconds.
        var before = reconciles;
        await Task.Delay(TimeSpan.FromSeconds(2));
        reconciles = await operatorProcess.ReconcilesAsync(http);
        return reconciles == before;
    }, "operator idle again", TimeSpan.FromMinutes(2));
    var idleAfterMiB = operatorProcess.ResidentMiB();
    var heapAfterMiB = await operatorProcess.HeapMiBAsync(http);

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        netra-operator bench: {workers} workers, kube-apiserver 1.20 on loopback, {Environment.ProcessorCount} cores
        operator: {Path.GetRelativePath(Repository.Root, executable)}
        {firstReport}
        {burstReport}
        operator memory (RSS)                idle {idleMiB:0} MiB at start, {idleAfterMiB:0} MiB after (managed heap {heapAfterMiB:0} MiB); busy peak {Math.Max(first.PeakMiB, burst.PeakMiB):0} MiB
        """));
}
finally
{
    await bed.DisposeAsync();
}
