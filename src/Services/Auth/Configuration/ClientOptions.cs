namespace Netra.Auth.Configuration;

/// <summary>One service client, <c>Auth:Clients:N</c>, with the audiences it may ask tokens for.</summary>
public sealed class ClientOptions
{
    public string ClientId { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public IList<ClientGrantOptions> Grants { get; } = [];
}

/// <summary>An audience a client may ask for, and the scope its tokens for that audience carry.</summary>
public sealed class ClientGrantOptions
{
    public string Audience { get; set; } = "";

    /// <summary>Space-separated scopes; empty gives an empty <c>scope</c> claim.</summary>
    public string Scope { get; set; } = "";
}
