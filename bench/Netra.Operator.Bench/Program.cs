using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;
using Netra.Operator.Api.V1Alpha1;
using Netra.Operator.Bench;
using Netra.Operator.Controller;
using Netra.Operator.Tests;
using Netra.Operator.Tests.Integration;
using Netra.Testing;

// dotnet run -c Release --project bench/Netra.Operator.Bench [-- RUNS]
// A real control plane, the operator as its own process with the chart's RBAC, RUNS (default 100)
// Existing-mode TestRuns created at once; probe pods finished instantly by InstantKubelet.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var bed = new OperatorTestBed();
await bed.InitializeAsync();
try
{
    bed.Kubelet.Pause();
    await using var kubelet = new InstantKubelet(bed.Admin);
    using var http = new HttpClient();
    using var operatorProcess = OperatorProcess.Start(bed.Cp.WriteKubeconfig(bed.Cp.OperatorToken), ControlPlane.OperatorNamespace, workers: 2);
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

    var ns = await bed.CreateNamespaceAsync("bench");
    var created = new ConcurrentDictionary<string, long>();
    var jobCreated = new ConcurrentDictionary<string, long>();
    var jobCompleted = new ConcurrentDictionary<string, long>();
    var succeeded = new ConcurrentDictionary<string, long>();
    var clock = Stopwatch.StartNew();
    using var stop = new CancellationTokenSource();
    var jobWatch = Task.Run(async () =>
    {
        await foreach (var (_, job) in bed.Admin.BatchV1.WatchListNamespacedJobAsync(ns, cancellationToken: stop.Token))
        {
            var run = job.Metadata.Labels[ChildNames.RunNameLabel];
            jobCreated.TryAdd(run, clock.ElapsedTicks);
            if (job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true)
            {
                jobCompleted.TryAdd(run, clock.ElapsedTicks);
            }
        }
    });
    var runWatch = Task.Run(async () =>
    {
        await foreach (var (_, item) in bed.Admin.CustomObjects.WatchListNamespacedCustomObjectAsync(TestRun.Group, TestRun.Version, ns, TestRun.Plural, cancellationToken: stop.Token))
        {
            var run = KubernetesJson.Deserialize<TestRun>(((JsonElement)item).GetRawText());
            if (run.Status?.Phase == Phases.Succeeded)
            {
                succeeded.TryAdd(run.Metadata.Name, clock.ElapsedTicks);
            }
        }
    });

    var reconcilesBefore = await operatorProcess.ReconcilesAsync(http);
    var start = clock.Elapsed;
    var peakMiB = idleMiB;
    await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
    {
        var name = $"run-{i:000}";
        created[name] = clock.ElapsedTicks;
        await bed.CreateRunAsync(ns, $$"""
            apiVersion: netra.io/v1alpha1
            kind: TestRun
            metadata: {name: {{name}}}
            spec:
              scenarios: [auth-service-independence]
              environment:
                mode: Existing
                endpoints: {authUrl: "http://127.0.0.1:1", backendUrl: "http://127.0.0.1:1", agentUrl: "http://127.0.0.1:1"}
            """);
    });
    await Eventually.WaitUntilAsync(() =>
    {
        peakMiB = Math.Max(peakMiB, operatorProcess.ResidentMiB());
        return succeeded.Count == runs;
    }, $"{runs} TestRuns Succeeded", TimeSpan.FromMinutes(5));
    var wall = clock.Elapsed - start;
    var reconciles = await operatorProcess.ReconcilesAsync(http) - reconcilesBefore;
    await stop.CancelAsync();
    await Task.WhenAll(jobWatch, runWatch).ContinueWith(_ => { }, TaskScheduler.Default);

    static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    var toJob = created.Keys.Where(jobCreated.ContainsKey).Select(k => Ms(jobCreated[k] - created[k])).Order().ToList();
    var toStatus = jobCompleted.Keys.Where(succeeded.ContainsKey).Select(k => Ms(succeeded[k] - jobCompleted[k])).Order().ToList();
    static string Percentiles(List<double> ms) => ms.Count == 0 ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {ms[ms.Count / 2]:0} ms, p95 {ms[(int)(ms.Count * 0.95)]:0} ms, max {ms[^1]:0} ms");

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        netra-operator bench: {runs} TestRuns (Existing mode, instant probe pods), 2 workers, kube-apiserver 1.20 on loopback, {Environment.ProcessorCount} cores
        create -> probe Job created        {Percentiles(toJob)}
        Job Complete -> status Succeeded   {Percentiles(toStatus)}
        all {runs} Succeeded in            {wall.TotalSeconds:0.0} s ({runs / wall.TotalSeconds:0.0} runs/s)
        reconciles                         {reconciles:0} ({reconciles / wall.TotalSeconds:0.0} reconciles/s)
        operator memory (RSS)              idle {idleMiB:0} MiB, busy peak {peakMiB:0} MiB
        """));
}
finally
{
    await bed.DisposeAsync();
}
