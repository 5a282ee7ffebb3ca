using System.Diagnostics;

namespace Netra.Auth.Bench;

/// <summary>Warms an operation up, then runs it on one thread for <see cref="Timing.Duration"/>.</summary>
public static class RateLoop
{
    public static async Task<BenchResult> MeasureAsync(string name, Func<long, ValueTask> operation)
    {
        for (var (warmup, i) = (Stopwatch.StartNew(), 0L); warmup.Elapsed < Timing.Warmup; i++)
        {
            await operation(i);
        }

        var count = 0L;
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timing.Duration)
        {
            await operation(count);
            count++;
        }

        return new BenchResult(name, count, clock.Elapsed, cpu.Elapsed);
    }
}
