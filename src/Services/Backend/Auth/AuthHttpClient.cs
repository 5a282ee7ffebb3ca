namespace Netra.Backend.Auth;

/// <summary>Names of the HTTP clients the backend uses.</summary>
public static class HttpClientNames
{
    public const string Auth = "netra-auth";
    public const string Agent = "netra-agent";
}
