namespace Netra.Probes.Running;

/// <summary>A case saw something other than what the contract promises.</summary>
public sealed class ProbeFailedException(string message) : Exception(message);

/// <summary>A case cannot run against these services (for example, fault injection is disabled).</summary>
public sealed class ProbeSkippedException(string reason) : Exception(reason);
