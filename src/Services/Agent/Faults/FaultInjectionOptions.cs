namespace Netra.Agent.Faults;

/// <summary>Bound from <c>Agent:FaultInjection</c>. Off by default: a run asking for a fault is then refused.</summary>
public sealed class FaultInjectionOptions
{
    public const string Section = "Agent:FaultInjection";

    public bool Enabled { get; set; }
}
