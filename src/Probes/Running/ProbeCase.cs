namespace Netra.Probes.Running;

/// <summary>One probe case: a stable id (<c>scenario/case</c>), what it checks, and the check itself.</summary>
public sealed record ProbeCase(string Id, string Description, Func<ProbeContext, CancellationToken, Task> Run);
