namespace Netra.Probes.Tests;

/// <summary>Tests that start the three services and run netra-probes against them run one at a time: the machine is small.</summary>
[CollectionDefinition(Name)]
public sealed class LiveServices
{
    public const string Name = "live services";
}
