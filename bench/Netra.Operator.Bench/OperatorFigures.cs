using Netra.Bench;

namespace Netra.Operator.Bench;

/// <summary>What the operator bench measured, in one run.</summary>
internal sealed record OperatorMeasurements(
    Latencies SingleCreateToJob,
    Latencies SingleJobToStatus,
    BatchResult Burst,
    int BurstRuns,
    Latencies RoundTripOne,
    Latencies RoundTripAtOnce,
    double CreatesPerSecond,
    double IdleMiB,
    double IdleAfterMiB,
    string Setup);

/// <summary>
/// The operator bench's figures for <c>bench/run.sh</c>, each beside the API server's round trip measured by the same
/// client in the same run, held to the goals: create → Job under 100 ms for one run and 1 s at p95 for 100 at once,
/// idle memory under 30 MiB.
/// </summary>
internal static class OperatorFigures
{
    private const string OneTrip = "API round trip: create → watch event, one at a time";

    public static IReadOnlyList<Figure> Create(OperatorMeasurements m)
    {
        var atOnce = $"{m.BurstRuns} at once";
        var tripAtOnce = $"API round trip: create → watch event, {atOnce}";
        var single = $"(median of {m.SingleCreateToJob.Count})";
        return
        [
            new Figure("operator create to Job, one run", m.SingleCreateToJob.P50, "ms", "lower", Goal: 100,
                Limit: m.RoundTripOne.P50, LimitName: OneTrip, Note: $"{m.Setup}; one run at a time {single}"),
            new Figure("operator Job complete to status, one run", m.SingleJobToStatus.P50, "ms", "lower",
                Limit: m.RoundTripOne.P50, LimitName: OneTrip),
            new Figure($"operator create to Job p50, {atOnce}", m.Burst.CreateToJob.P50, "ms", "lower",
                Limit: m.RoundTripAtOnce.P50, LimitName: tripAtOnce + " (p50)"),
            new Figure($"operator create to Job p95, {atOnce}", m.Burst.CreateToJob.P95, "ms", "lower", Goal: 1000,
                Limit: m.RoundTripAtOnce.P95, LimitName: tripAtOnce + " (p95)"),
            new Figure($"operator Job complete to status p50, {atOnce}", m.Burst.JobCompleteToStatus.P50, "ms", "lower",
                Limit: m.RoundTripAtOnce.P50, LimitName: tripAtOnce + " (p50)"),
            new Figure($"operator Job complete to status p95, {atOnce}", m.Burst.JobCompleteToStatus.P95, "ms", "lower",
                Limit: m.RoundTripAtOnce.P95, LimitName: tripAtOnce + " (p95)"),
            new Figure($"operator reconciles per second, {atOnce}", m.Burst.ReconcilesPerSecond, "reconciles/s", "higher",
                Limit: m.CreatesPerSecond, LimitName: $"API creates/s by the same client, {Batch.Parallelism} in flight",
                Note: $"{m.Burst.Reconciles:0} reconciles ({m.Burst.FailedReconciles:0} failed) in {m.Burst.Wall.TotalSeconds:0.0} s, "
                    + $"operator CPU {m.Burst.Cpu.TotalSeconds:0.00} s"),
            new Figure("operator idle memory", m.IdleMiB, "MiB", "lower", Goal: 30,
                Note: "RSS of the operator's own process, leading, before any TestRun"),
            new Figure($"operator idle memory after {atOnce}", m.IdleAfterMiB, "MiB", "lower", Goal: 30),
            new Figure($"operator busy memory peak, {atOnce}", m.Burst.PeakMiB, "MiB", "lower"),
        ];
    }
}
