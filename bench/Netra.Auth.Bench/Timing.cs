namespace Netra.Auth.Bench;

/// <summary>How long each in-process measurement warms up and runs; <c>--quick</c> shortens both.</summary>
public static class Timing
{
    // Long enough for tiered JIT to reach optimized code: a few hundred calls measure the interpreter-like tier 0.
    public static TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    public static TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(3);

    public static void UseQuick()
    {
        Warmup = TimeSpan.FromSeconds(0.5);
        Duration = TimeSpan.FromSeconds(0.75);
    }
}
