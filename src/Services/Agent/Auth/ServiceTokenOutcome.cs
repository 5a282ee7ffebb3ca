using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Netra.Agent.Auth;

/// <summary>Either the caller's principal or the problem to answer with.</summary>
public sealed record ServiceTokenOutcome(ClaimsPrincipal? Principal, ProblemHttpResult? Problem)
{
    public static ServiceTokenOutcome Success(ClaimsPrincipal principal) => new(principal, null);

    public static ServiceTokenOutcome Fail(ProblemHttpResult problem) => new(null, problem);
}
