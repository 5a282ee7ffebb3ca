using Microsoft.AspNetCore.Http.HttpResults;
using Netra.ServiceDefaults;

namespace Netra.Agent;

/// <summary>
/// The RFC 9457 problems the agent answers with. Each carries a stable <c>code</c> extension, also the
/// last segment of its <c>type</c>; none ever echoes a token or a secret.
/// </summary>
public static class AgentProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        ServiceProblems.Create("agent", status, code, title, detail);

    public static ProblemHttpResult RunNotFound() =>
        Create(StatusCodes.Status404NotFound, "run_not_found", "No such run.", "No run with this id belongs to the caller.");
}
