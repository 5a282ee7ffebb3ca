namespace Netra.Probes.Running;

/// <summary>
/// One probe case: a stable id (<c>scenario/case</c>), what it checks, the check itself, and what it
/// <see cref="Needs"/> to run at all. A case that spends its time waiting for something to happen (a
/// token to expire) runs <see cref="Alongside"/> the scenario's other cases instead of after them.
/// </summary>
public sealed record ProbeCase(
    string Id,
    string Description,
    Func<ProbeContext, CancellationToken, Task> Run,
    bool Alongside = false,
    CaseNeeds Needs = CaseNeeds.None);
