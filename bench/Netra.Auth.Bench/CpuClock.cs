using System.Diagnostics;

namespace Netra.Auth.Bench;

/// <summary>Process CPU time since <see cref="Start"/> (server and client together, as both run here).</summary>
public sealed class CpuClock
{
    private readonly TimeSpan _start = ProcessorTime();

    private CpuClock()
    {
    }

    public TimeSpan Elapsed => ProcessorTime() - _start;

    public static CpuClock Start() => new();

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
