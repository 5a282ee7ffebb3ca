using Netra.Auth.Accounts;

namespace Netra.Auth.Configuration;

/// <summary>The <c>Auth</c> configuration section. Defaults live here: the service ships no appsettings.json.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public string Issuer { get; set; } = "http://netra-auth";

    /// <summary>
    /// The base URL clients reach this service at, for the endpoint URLs of the discovery document; the issuer when
    /// unset. Never taken from the request: a Host header is the caller's to choose.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>A PEM file holding the RSA private key to sign with (a mounted Secret); unset, keys live in SQLite and rotate.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>
    /// How long after a refresh token is rotated it may be presented once more (a client retrying after a lost
    /// response) and get a fresh pair instead of revoking its family. Zero disables the grace.
    /// </summary>
    public TimeSpan RefreshRetryGrace { get; set; } = TimeSpan.Zero;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// <c>Auth:UserAccessTokenLifetimes:USERNAME</c>: shorter access token lifetimes for particular users, for
    /// example a probe user whose tokens expire in seconds so that expiry can be watched while every other
    /// user keeps <see cref="AccessTokenLifetime"/>.
    /// </summary>
    public IDictionary<string, TimeSpan> UserAccessTokenLifetimes { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public string DataPath { get; set; } = "./data/auth.db";

    /// <summary>How long one signing key signs before its successor takes over.</summary>
    public TimeSpan SigningKeyRotationInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a new key is published in the JWKS before it signs anything.</summary>
    public TimeSpan SigningKeyPublishLead { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Tokens longer than this are refused before any parsing.</summary>
    public int MaxTokenLength { get; set; } = 8192;

    /// <summary>The audience of the tokens users get at login.</summary>
    public string UserAudience { get; set; } = "netra-backend";

    /// <summary>The scope of the tokens users get at login.</summary>
    public string UserScope { get; set; } = "chat";

    /// <summary>
    /// PBKDF2 iterations of the Development seed's password and secret hashes. Lowering it makes each
    /// demo login cheaper, which the local probe run (a few hundred logins in seconds) relies on;
    /// configured hashes carry their own iteration count and are not affected.
    /// </summary>
    public int DevelopmentSeedHashIterations { get; set; } = Accounts.SecretHasher.DefaultIterations;

    public LoginThrottlingOptions LoginThrottling { get; set; } = new();

    public IList<UserOptions> Users { get; } = [];

    public IList<ClientOptions> Clients { get; } = [];

    public TimeSpan AccessTokenLifetimeOf(string username) =>
        UserAccessTokenLifetimes.TryGetValue(username, out var lifetime) ? lifetime : AccessTokenLifetime;

    /// <summary>The problems that would make the service misbehave; empty when the options are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            yield return "Auth:Issuer is required.";
        }

        if (AccessTokenLifetime <= TimeSpan.Zero || RefreshTokenLifetime <= TimeSpan.Zero)
        {
            yield return "Auth:AccessTokenLifetime and Auth:RefreshTokenLifetime must be positive.";
        }

        if (PublicUrl is { IsAbsoluteUri: false } || (PublicUrl is null && !Uri.TryCreate(Issuer, UriKind.Absolute, out _)))
        {
            yield return "Auth:PublicUrl must be an absolute URL (it is required when Auth:Issuer is not one).";
        }

        if (RefreshRetryGrace < TimeSpan.Zero || RefreshRetryGrace > TimeSpan.FromMinutes(1))
        {
            yield return "Auth:RefreshRetryGrace must be between zero and one minute.";
        }

        if (SigningKeyPath is not null && !File.Exists(SigningKeyPath))
        {
            yield return "Auth:SigningKeyPath names no readable file.";
        }

        // Never longer than the default: key rotation keeps old keys for AccessTokenLifetime only.
        if (UserAccessTokenLifetimes.Values.Any(l => l <= TimeSpan.Zero || l > AccessTokenLifetime))
        {
            yield return "Auth:UserAccessTokenLifetimes must be positive and at most Auth:AccessTokenLifetime.";
        }

        if (ClockSkew < TimeSpan.Zero)
        {
            yield return "Auth:ClockSkew must not be negative.";
        }

        if (SigningKeyPublishLead <= TimeSpan.Zero || SigningKeyPublishLead >= SigningKeyRotationInterval)
        {
            yield return "Auth:SigningKeyPublishLead must be positive and shorter than Auth:SigningKeyRotationInterval.";
        }

        if (MaxTokenLength <= 0)
        {
            yield return "Auth:MaxTokenLength must be positive.";
        }

        if (DevelopmentSeedHashIterations < 1)
        {
            yield return "Auth:DevelopmentSeedHashIterations must be at least 1.";
        }

        // The values themselves are never echoed: one might be a plain-text secret put there by mistake.
        foreach (var user in Users.Where(u => string.IsNullOrEmpty(u.Username) || !SecretHasher.IsWellFormed(u.PasswordHash)))
        {
            yield return $"Auth:Users: user '{user.Username}' needs a username and a PasswordHash made by netra-auth hash-secret.";
        }

        foreach (var client in Clients.Where(c => string.IsNullOrEmpty(c.ClientId) || !SecretHasher.IsWellFormed(c.SecretHash)))
        {
            yield return $"Auth:Clients: client '{client.ClientId}' needs a client id and a SecretHash made by netra-auth hash-secret.";
        }

        foreach (var problem in LoginThrottling.Problems())
        {
            yield return problem;
        }
    }
}
