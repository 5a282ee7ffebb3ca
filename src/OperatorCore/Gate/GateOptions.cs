namespace Netra.Operator.Core.Gate;

/// <summary>Where the gate listens (<c>--gate-port</c> turns it on), with TLS when a certificate and key are mounted.</summary>
public sealed record GateOptions
{
    /// <summary>Flagger's payload is a few hundred bytes; anything much larger is not Flagger.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>An IP address to listen on; 0.0.0.0 is every IPv4 address.</summary>
    public string Address { get; init; } = "0.0.0.0";

    /// <summary>The port; 0 asks for any free one (tests).</summary>
    public int Port { get; init; } = 8443;

    /// <summary>
    /// PEM certificate (chain) file; with <see cref="TlsKeyFile"/>, the gate speaks HTTPS and reloads both when they change.
    /// </summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>PEM private key file of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>A URL of a run's report with <c>{namespace}</c> and <c>{name}</c> in it; default: the results command.</summary>
    public string? ReportUrl { get; init; }

    public bool Tls => TlsCertificateFile is not null;
}
