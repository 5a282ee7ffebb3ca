using Netra.Agent.Faults;

namespace Netra.Agent.Runs;

/// <summary>The body of <c>POST /v1/runs</c>.</summary>
public sealed record RunRequest(string? RunId, string? UserId, string? ThreadId, string? Input, string? Agent, FaultRequest? Fault);
