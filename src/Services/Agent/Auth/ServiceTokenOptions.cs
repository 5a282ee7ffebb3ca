namespace Netra.Agent.Auth;

/// <summary>
/// How the agent accepts service tokens. Bound from <c>Agent:Auth</c>; the expected issuer is the
/// contract's <c>Auth:Issuer</c> and the auth service's address is <c>Services:AuthUrl</c>.
/// </summary>
public sealed class ServiceTokenOptions
{
    public const string Section = "Agent:Auth";

    /// <summary>The only <c>iss</c> accepted (bound from <c>Auth:Issuer</c>).</summary>
    public string Issuer { get; set; } = "http://netra-auth";

    /// <summary>Base URL of the auth service (bound from <c>Services:AuthUrl</c>).</summary>
    public Uri? AuthUrl { get; set; }

    public string Audience { get; set; } = "netra-agent";

    public string RequiredScope { get; set; } = "agent:run";

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a fetched JWKS is trusted before it is fetched again.</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Shortest time between two fetches caused by an unknown <c>kid</c>.</summary>
    public TimeSpan JwksRefetchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a positive revocation check of one <c>jti</c> is reused. Zero (the default) asks the
    /// auth service on every request, so a revocation is honoured at once.
    /// </summary>
    public TimeSpan RevocationCacheDuration { get; set; } = TimeSpan.Zero;
}
