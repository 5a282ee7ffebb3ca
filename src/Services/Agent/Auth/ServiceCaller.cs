using System.Security.Claims;

namespace Netra.Agent.Auth;

/// <summary>Who called: the service client named by the token's <c>sub</c>.</summary>
public static class ServiceCaller
{
    public static string ClientId(this ClaimsPrincipal principal) =>
        principal.FindFirst("sub")?.Value ?? throw new InvalidOperationException("The endpoint is not guarded by a service token.");
}
