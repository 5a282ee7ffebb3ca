using Microsoft.Extensions.Options;
using Netra.Auth.Configuration;

namespace Netra.Auth.Accounts;

/// <summary>
/// The users and service clients, from <c>Auth:Users</c> and <c>Auth:Clients</c>, plus the demo
/// set in Development. Only hashes are kept.
/// </summary>
public sealed class AccountDirectory
{
    private readonly Dictionary<string, string> _passwordHashByUsername = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceClient> _clientsById = new(StringComparer.Ordinal);
    private readonly string _userDecoyHash;
    private readonly string _clientDecoyHash;

    public AccountDirectory(IOptions<AuthOptions> options, IHostEnvironment environment)
    {
        var auth = options.Value;
        if (environment.IsDevelopment())
        {
            foreach (var username in DevelopmentSeed.Usernames)
            {
                _passwordHashByUsername[username] = SecretHasher.Hash(
                    DevelopmentSeed.PasswordOf(username),
                    auth.DevelopmentSeedHashIterations);
            }

            foreach (var (clientId, grants) in DevelopmentSeed.Clients)
            {
                AddClient(clientId, SecretHasher.Hash(DevelopmentSeed.SecretOf(clientId), auth.DevelopmentSeedHashIterations), grants);
            }
        }

        // AuthOptions validation has already checked that these are well-formed hashes.
        foreach (var user in auth.Users)
        {
            _passwordHashByUsername[user.Username] = user.PasswordHash;
        }

        foreach (var client in auth.Clients)
        {
            AddClient(client.ClientId, client.SecretHash, [.. client.Grants]);
        }

        // Verified when the account is unknown, so that a miss costs as much as a wrong secret: at the cost most
        // of the real hashes carry, not a fixed one, or an unknown name would answer faster or slower.
        _userDecoyHash = SecretHasher.Hash("decoy", SecretHasher.TypicalIterations(_passwordHashByUsername.Values));
        _clientDecoyHash = SecretHasher.Hash("decoy", SecretHasher.TypicalIterations(_clientsById.Values.Select(c => c.SecretHash)));
        Audiences = new HashSet<string>(
            _clientsById.Values.SelectMany(c => c.ScopeByAudience.Keys).Append(auth.UserAudience),
            StringComparer.Ordinal);
    }

    /// <summary>Every audience this service issues tokens for.</summary>
    public IReadOnlySet<string> Audiences { get; }

    public bool IsKnownUser(string username) => _passwordHashByUsername.ContainsKey(username);

    public bool VerifyUser(string username, string password)
    {
        if (_passwordHashByUsername.TryGetValue(username, out var hash))
        {
            return SecretHasher.Verify(password, hash);
        }

        SecretHasher.Verify(password, _userDecoyHash);
        return false;
    }

    /// <summary>The client when the secret matches, otherwise null.</summary>
    public ServiceClient? AuthenticateClient(string clientId, string secret)
    {
        if (_clientsById.TryGetValue(clientId, out var client))
        {
            return SecretHasher.Verify(secret, client.SecretHash) ? client : null;
        }

        SecretHasher.Verify(secret, _clientDecoyHash);
        return null;
    }

    private void AddClient(string clientId, string secretHash, IReadOnlyList<ClientGrantOptions> grants) =>
        _clientsById[clientId] = new ServiceClient(
            clientId,
            secretHash,
            grants.ToDictionary(g => g.Audience, g => g.Scope, StringComparer.Ordinal));
}
