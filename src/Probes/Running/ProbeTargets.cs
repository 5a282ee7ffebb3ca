namespace Netra.Probes.Running;

/// <summary>The base URLs of the three live services under test.</summary>
public sealed record ProbeTargets(Uri AuthUrl, Uri BackendUrl, Uri AgentUrl);
