using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Ui;

/// <summary>Where the read-only results UI listens (<c>--ui-port</c> turns it on) and how it knows who is looking.</summary>
public sealed record UiOptions
{
    /// <summary>Only the login form is ever posted: a bearer token of a few KiB.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    /// <summary>An IP address to listen on; 0.0.0.0 is every IPv4 address.</summary>
    public string Address { get; init; } = "0.0.0.0";

    /// <summary>The port; 0 asks for any free one (tests).</summary>
    public int Port { get; init; } = 8082;

    /// <summary>PEM certificate (chain) file; with <see cref="TlsKeyFile"/>, the UI speaks HTTPS.</summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>PEM private key file of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>An authenticating proxy's headers naming the user; null: users log in with a bearer token.</summary>
    public ProxyHeaders? AuthProxy { get; init; }

    /// <summary>How long a login lasts.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Logins held at once; beyond it the oldest is forgotten (its user logs in again).</summary>
    public int MaxSessions { get; init; } = 1000;

    /// <summary>How long an answer of the API server on what a user may read is reused.</summary>
    public TimeSpan AccessCacheTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows of the runs page.</summary>
    public int RunsPerPage { get; init; } = 50;

    /// <summary>Bytes of rendered run and schedule pages kept for the next look.</summary>
    public long PageCacheBytes { get; init; } = 2 * 1024 * 1024;

    public WebListen Listen => new(Address, Port, TlsCertificateFile, TlsKeyFile);
}

/// <summary>
/// The request headers an authenticating proxy (oauth2-proxy, a cloud's identity-aware proxy) sets for the user it
/// logged in, as the API server's own front proxy names them.
/// </summary>
public sealed record ProxyHeaders(string User = "X-Remote-User", string Groups = "X-Remote-Group");
