using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Netra.Bench;
using Netra.TestBed;

namespace Netra.Operator.Bench;

/// <summary>What the operator cost at one size of the cluster around it.</summary>
internal sealed record GrowthPoint(
    string Size, int Deployments, int Runs, int Schedules, double RelistSeconds, double IdleMiB, Latencies CreateToJob, double CpuMsPerReconcile);

/// <summary>
/// The operator's cost as the cluster it lives in grows: empty; with a schedule in each of 100 namespaces; with 1,000 then
/// 10,000 Deployments across them; with 1,000 finished TestRuns besides. At each size a new operator process (as after a
/// restart): start → every watch cache synced (its relist), its resident memory once idle, and 20 TestRuns created at
/// once (create → probe Job, CPU per reconcile). Last, at the largest size, 1,000 TestRuns at once. The slopes are the
/// memory each Deployment and each finished run adds. <c>--quick</c>: a tenth of every size.
/// </summary>
internal sealed partial class GrowthBench(OperatorTestBed bed, string executable, bool quick)
{
    private const int RunsAtEachSize = 20;

    private int Scale(int full) => quick ? full / 10 : full;

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        bed.Kubelet.Pause();
        await using var kubelet = new InstantKubelet(bed.Admin);
        await using var timeline = await RunTimeline.StartAsync(bed.Admin);
        var cluster = new ClusterGrowth(bed, Scale(100));
        var (fewDeployments, manyDeployments, finishedRuns, burstRuns) = (Scale(1000), Scale(10_000), Scale(1000), Scale(1000));
        var points = new List<GrowthPoint> { await MeasureAsync("empty", cluster, timeline) };
        await cluster.AddSchedulesAsync();
        points.Add(await MeasureAsync($"{cluster.Schedules} schedules", cluster, timeline));
        await cluster.AddDeploymentsAsync(fewDeployments);
        points.Add(await MeasureAsync($"+ {fewDeployments:N0} Deployments", cluster, timeline));
        await cluster.AddDeploymentsAsync(manyDeployments);
        points.Add(await MeasureAsync($"+ {manyDeployments:N0} Deployments", cluster, timeline));
        await cluster.AddFinishedRunsAsync(finishedRuns);
        var (largest, burst) = await MeasureWithBurstAsync($"+ {finishedRuns:N0} finished TestRuns", cluster, timeline, burstRuns);
        points.Add(largest);

        var (empty, few, many) = (points[0], points[2], points[3]);
        var perDeployment = (many.IdleMiB - few.IdleMiB) * 1024 * 1024 / (manyDeployments - fewDeployments);
        var perRun = (largest.IdleMiB - many.IdleMiB) * 1024 * 1024 / finishedRuns;
        Print(points, perDeployment, perRun, burst, burstRuns);
        var at = $"{manyDeployments:N0} Deployments, {finishedRuns:N0} finished runs, {cluster.Schedules} schedules";
        return
        [
            new Figure($"operator RSS, {at}", largest.IdleMiB, "MiB", "lower", Goal: ChartMemoryRequestMiB(),
                Limit: empty.IdleMiB, LimitName: "the same operator in an empty cluster", Note: "goal: the chart's memory request"),
            new Figure("operator memory per Deployment in the cluster", perDeployment, "bytes", "lower",
                Note: $"RSS slope from {fewDeployments:N0} to {manyDeployments:N0} Deployments"),
            new Figure("operator memory per finished TestRun", perRun, "bytes", "lower", Note: $"RSS slope over {finishedRuns:N0} runs"),
            new Figure($"operator relist after a restart, {at}", largest.RelistSeconds, "s", "lower",
                Limit: empty.RelistSeconds, LimitName: "the same in an empty cluster", Note: "process start → every watch cache synced"),
            new Figure($"operator create to Job p95, {RunsAtEachSize} at once, {at}", largest.CreateToJob.P95, "ms", "lower",
                Limit: empty.CreateToJob.P95, LimitName: "the same in an empty cluster"),
            new Figure($"operator CPU per reconcile, {at}", largest.CpuMsPerReconcile, "ms", "lower",
                Limit: empty.CpuMsPerReconcile, LimitName: "the same in an empty cluster"),
            new Figure($"operator create to Job p95, {burstRuns:N0} at once", burst.CreateToJob.P95, "ms", "lower",
                Note: $"p50 {burst.CreateToJob.P50:0} ms, {burst.CreateToJob.Count} of {burstRuns} reached their Job; peak RSS {burst.PeakMiB:0.0} MiB"),
        ];
    }

    private async Task<GrowthPoint> MeasureAsync(string size, ClusterGrowth cluster, RunTimeline timeline)
    {
        var (point, _) = await MeasureWithBurstAsync(size, cluster, timeline, burstRuns: 0);
        return point;
    }

    private async Task<(GrowthPoint Point, BatchResult Burst)> MeasureWithBurstAsync(
        string size, ClusterGrowth cluster, RunTimeline timeline, int burstRuns)
    {
        Console.Error.WriteLine($"growth: {size}...");
        using var http = new HttpClient();
        var started = Stopwatch.StartNew();
        using var operatorProcess = OperatorProcess.Start(
            executable, bed.Cp.WriteKubeconfig(bed.Cp.OperatorToken), ControlPlane.OperatorNamespace, workers: 8,
            OperatorProcess.Unqueued(Math.Max(RunsAtEachSize, burstRuns)));
        await operatorProcess.WaitUntilSyncedAsync(http);
        var relist = started.Elapsed.TotalSeconds;
        await operatorProcess.WaitUntilIdleAsync(http, TimeSpan.FromSeconds(quick ? 1 : 2));
        var idleMiB = operatorProcess.ResidentMiB();
        var batch = await new Batch(bed, operatorProcess, timeline, "growth-batch", RunsAtEachSize).RunAsync(http);
        var burst = burstRuns > 0 ? await new Batch(bed, operatorProcess, timeline, "growth-burst", burstRuns).RunAsync(http) : batch;
        await operatorProcess.StopAsync();
        var point = new GrowthPoint(size, cluster.Deployments, cluster.Runs, cluster.Schedules, relist, idleMiB, batch.CreateToJob,
            batch.Cpu.TotalMilliseconds / Math.Max(1, batch.Reconciles));
        return (point, burst);
    }

    private static void Print(List<GrowthPoint> points, double perDeployment, double perRun, BatchResult burst, int burstRuns)
    {
        Console.WriteLine("operator growth: a new operator process at each size (the AOT binary), 20 TestRuns at once");
        Console.WriteLine($"  {"cluster",-32} {"Deploys",8} {"runs",6} {"relist s",9} {"RSS MiB",8} {"→Job p50",9} {"→Job p95",9} {"CPU/rec ms",10}");
        foreach (var p in points)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Size,-32} {p.Deployments,8} {p.Runs,6} {p.RelistSeconds,9:0.00} {p.IdleMiB,8:0.0} {p.CreateToJob.P50,9:0} {p.CreateToJob.P95,9:0} {p.CpuMsPerReconcile,10:0.00}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  slope: {perDeployment:0} bytes per Deployment, {perRun:0} bytes per finished run; {burstRuns} at once: "
            + $"create → Job p50 {burst.CreateToJob.P50:0} ms, p95 {burst.CreateToJob.P95:0} ms, peak RSS {burst.PeakMiB:0.0} MiB"));
    }

    /// <summary>The operator chart's <c>resources.requests.memory</c>, in MiB: where the operator must stay at the largest size.</summary>
    private static double ChartMemoryRequestMiB()
    {
        var values = File.ReadAllText(Path.Combine(Repository.Root, "charts", "netra-operator", "values.yaml"));
        return double.Parse(MemoryRequest().Match(values).Groups["mib"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^resources:\s*\n\s+requests:\s*\n(?:\s+cpu:.*\n)?\s+memory:\s*(?<mib>\d+)Mi", RegexOptions.Multiline)]
    private static partial Regex MemoryRequest();
}
