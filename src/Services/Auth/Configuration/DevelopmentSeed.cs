namespace Netra.Auth.Configuration;

/// <summary>The demo users and clients seeded under ASPNETCORE_ENVIRONMENT=Development only.</summary>
public static class DevelopmentSeed
{
    /// <summary><c>carol</c> and <c>dave</c> exist so that isolation tests have users nobody else logs in as.</summary>
    public static readonly IReadOnlyList<string> Usernames = ["alice", "bob", "carol", "dave"];

    public static string PasswordOf(string username) => $"{username}-dev-password";

    public static string SecretOf(string clientId) => $"{clientId}-dev-secret";

    public static readonly IReadOnlyList<(string ClientId, IReadOnlyList<ClientGrantOptions> Grants)> Clients =
    [
        ("netra-backend", [Grant("netra-agent", "agent:run")]),
        ("netra-agent", [Grant("netra-backend", "")]),
        ("netra-probes", [Grant("netra-agent", "agent:run"), Grant("netra-backend", "")]),
    ];

    private static ClientGrantOptions Grant(string audience, string scope) => new() { Audience = audience, Scope = scope };
}
