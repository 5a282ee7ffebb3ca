namespace Netra.Agent.Faults;

/// <summary>The fault one run asked for and how much of it is left. Thread-safe; a run without a fault has <see cref="None"/>.</summary>
public sealed class RunFaults(FaultKind? kind, int count)
{
    private int _remaining = count;

    public static RunFaults None => new(null, 0);

    public FaultKind? Kind { get; } = kind;

    /// <summary>True when this operation of <paramref name="operation"/>'s kind must fail (and uses one up).</summary>
    public bool TryConsume(FaultKind operation) =>
        Kind == operation && operation != FaultKind.ResourceExhaustion && Interlocked.Decrement(ref _remaining) >= 0;

    /// <summary>Takes one step of the run's budget; throws when a <c>resource_exhaustion</c> budget is spent.</summary>
    public void TakeStep()
    {
        if (Kind == FaultKind.ResourceExhaustion && Interlocked.Decrement(ref _remaining) < 0)
        {
            throw new ResourceExhaustedException("The run exhausted its resource budget.");
        }
    }
}
