namespace Netra.Agent.Supervisor;

/// <summary>A sub-agent: its name on the wire, its job, what the model is told, and the tools it may call.</summary>
public sealed record SubAgentProfile(string Name, string Job, string Instructions, IReadOnlyList<string> ToolNames);
