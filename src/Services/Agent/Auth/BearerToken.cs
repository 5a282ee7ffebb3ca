using System.Diagnostics.CodeAnalysis;

namespace Netra.Agent.Auth;

/// <summary>Reads the token out of an <c>Authorization: Bearer</c> header (RFC 6750).</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static bool TryRead(string? authorizationHeader, [NotNullWhen(true)] out string? token)
    {
        token = null;
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var value = authorizationHeader[Scheme.Length..].Trim();
        if (value.Length == 0 || value.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        token = value;
        return true;
    }
}
