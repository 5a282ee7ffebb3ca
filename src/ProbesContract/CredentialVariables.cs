namespace Netra.Probes.Contract;

/// <summary>
/// The environment variables the probes take their credentials from, in pairs. In a cluster they come from the
/// run's credentials Secret, each key by name, so that a Secret gives the probe pod nothing else and a Secret not
/// written for the probes (without <see cref="User"/>) keeps the pod from starting.
/// </summary>
public static class CredentialVariables
{
    public const string User = "NETRA_PROBES_USER";
    public const string Password = "NETRA_PROBES_PASSWORD";
    public const string OtherUser = "NETRA_PROBES_OTHER_USER";
    public const string OtherPassword = "NETRA_PROBES_OTHER_PASSWORD";
    public const string SpareUser = "NETRA_PROBES_SPARE_USER";
    public const string SparePassword = "NETRA_PROBES_SPARE_PASSWORD";
    public const string ExpiryUser = "NETRA_PROBES_EXPIRY_USER";
    public const string ExpiryPassword = "NETRA_PROBES_EXPIRY_PASSWORD";
    public const string ClientId = "NETRA_PROBES_CLIENT_ID";
    public const string ClientSecret = "NETRA_PROBES_CLIENT_SECRET";

    /// <summary>The hosts the Secret's owner lets its credentials go to (<see cref="CredentialHosts"/>): required.</summary>
    public const string AllowedHosts = "NETRA_PROBES_ALLOWED_HOSTS";

    /// <summary>What a credentials Secret must hold: the first user, and where its owner lets the credentials go.</summary>
    public static IReadOnlyList<string> Required { get; } = [User, Password, AllowedHosts];

    public static IReadOnlyList<string> All { get; } =
        [User, Password, OtherUser, OtherPassword, SpareUser, SparePassword, ExpiryUser, ExpiryPassword, ClientId, ClientSecret, AllowedHosts];
}
