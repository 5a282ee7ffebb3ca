namespace Netra.Agent.Auth;

/// <summary>OAuth scopes: space-delimited in one claim, or one claim per scope.</summary>
public static class ScopeList
{
    public static bool Contains(IEnumerable<string> scopeClaims, string required) =>
        scopeClaims
            .SelectMany(claim => claim.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(required, StringComparer.Ordinal);
}
