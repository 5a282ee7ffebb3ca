using Netra.Probes.Contract;

namespace Netra.Probes.Running;

public sealed record UserCredential(string Username, string Password);

public sealed record ClientCredential(string ClientId, string ClientSecret);

/// <summary>
/// Who the probes act as: two users (isolation needs a second one), a spare user for the cases that
/// leave a user throttled or capped (rate and connection limits), a service client, and an expiry user
/// whose tokens the auth service makes short-lived (<c>Auth:UserAccessTokenLifetimes</c>) for the cases
/// that watch a token expire. Defaults are the auth service's Development seed; in a cluster they come
/// from a mounted Secret as environment variables, never from the command line.
/// </summary>
/// <param name="AllowedHosts">
/// Where these credentials may be sent (<see cref="CredentialHosts"/>): null for the Development seed, which goes anywhere;
/// from <c>NETRA_PROBES_ALLOWED_HOSTS</c>, required whenever credentials come from the environment.
/// </param>
public sealed record ProbeCredentials(
    UserCredential User,
    UserCredential OtherUser,
    UserCredential SpareUser,
    ClientCredential Client,
    UserCredential? ExpiryUser = null,
    IReadOnlyList<string>? AllowedHosts = null)
{
    public static ProbeCredentials DevelopmentSeed { get; } = new(
        new UserCredential("alice", "alice-dev-password"),
        new UserCredential("bob", "bob-dev-password"),
        new UserCredential("carol", "carol-dev-password"),
        new ClientCredential("netra-probes", "netra-probes-dev-secret"),
        new UserCredential("dave", "dave-dev-password"));

    /// <summary>
    /// <c>NETRA_PROBES_USER</c>/<c>_PASSWORD</c>, <c>NETRA_PROBES_OTHER_USER</c>/<c>_PASSWORD</c>,
    /// <c>NETRA_PROBES_SPARE_USER</c>/<c>_PASSWORD</c>, <c>NETRA_PROBES_EXPIRY_USER</c>/<c>_PASSWORD</c> and
    /// <c>NETRA_PROBES_CLIENT_ID</c>/<c>_SECRET</c>
    /// override the Development seed, each pair as a whole.
    /// </summary>
    public static ProbeCredentials FromEnvironment(Func<string, string?> variable)
    {
        var seed = DevelopmentSeed;
        var user = UserFrom(variable, CredentialVariables.User, CredentialVariables.Password);
        var credentials = new ProbeCredentials(
            user ?? seed.User,
            UserFrom(variable, CredentialVariables.OtherUser, CredentialVariables.OtherPassword) ?? seed.OtherUser,
            UserFrom(variable, CredentialVariables.SpareUser, CredentialVariables.SparePassword) ?? seed.SpareUser,
            Pair(variable, CredentialVariables.ClientId, CredentialVariables.ClientSecret, (id, secret) => new ClientCredential(id, secret))
                ?? seed.Client,
            UserFrom(variable, CredentialVariables.ExpiryUser, CredentialVariables.ExpiryPassword)
                ?? (user is null ? seed.ExpiryUser : null)); // the seed's expiry user only goes with the seed's users
        var given = CredentialVariables.All.Where(name => name != CredentialVariables.AllowedHosts).Any(name => !string.IsNullOrEmpty(variable(name)));
        var hosts = variable(CredentialVariables.AllowedHosts);
        if (given && string.IsNullOrWhiteSpace(hosts))
        {
            throw new InvalidOperationException(
                $"{CredentialVariables.AllowedHosts} must list the hosts these credentials may be sent to (the credentials Secret's owner says).");
        }

        return given || !string.IsNullOrWhiteSpace(hosts) ? credentials with { AllowedHosts = CredentialHosts.Parse(hosts) } : credentials;
    }

    private static UserCredential? UserFrom(Func<string, string?> variable, string nameKey, string secretKey) =>
        Pair(variable, nameKey, secretKey, (name, password) => new UserCredential(name, password));

    private static T? Pair<T>(Func<string, string?> variable, string nameKey, string secretKey, Func<string, string, T> make)
        where T : class
    {
        var name = variable(nameKey);
        var secret = variable(secretKey);
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(secret))
        {
            return null;
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"{nameKey} and {secretKey} must be set together.");
        }

        return make(name, secret);
    }
}
