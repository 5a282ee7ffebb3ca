using System.CommandLine;
using System.Net;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Serve;

/// <summary>
/// The options of <c>serve</c> for one web endpoint that is off unless its port is given: <c>--PREFIX-port</c>,
/// <c>--PREFIX-address</c>, <c>--PREFIX-tls-cert</c> and <c>--PREFIX-tls-key</c> (the gate's and the UI's).
/// </summary>
internal sealed class ListenCommandOptions
{
    private readonly string _prefix;

    /// <param name="name">What listens, as help text names it: "the gate", "the results UI".</param>
    public ListenCommandOptions(string prefix, string name, string portDescription, string defaultAddress)
    {
        _prefix = prefix;
        Port = new($"--{prefix}-port") { Description = portDescription };
        Address = new($"--{prefix}-address") { Description = $"IP address {name} listens on.", DefaultValueFactory = _ => defaultAddress };
        TlsCertificate = new($"--{prefix}-tls-cert")
        {
            Description = $"PEM certificate of {name}, with --{prefix}-tls-key: it speaks HTTPS (and reloads both when they change).",
        };
        TlsKey = new($"--{prefix}-tls-key") { Description = $"PEM private key of --{prefix}-tls-cert." };
    }

    public Option<int?> Port { get; }

    public Option<string> Address { get; }

    public Option<FileInfo?> TlsCertificate { get; }

    public Option<FileInfo?> TlsKey { get; }

    public IEnumerable<Option> All => [Port, Address, TlsCertificate, TlsKey];

    public string? Problem(ParseResult parsed) =>
        parsed.GetValue(Port) is < 1 or > 65535 ? $"--{_prefix}-port must be a port, 1 to 65535."
        : !IPAddress.TryParse(parsed.GetValue(Address), out _) ? $"--{_prefix}-address must be an IP address, such as 0.0.0.0."
        : (parsed.GetValue(TlsCertificate) is null) != (parsed.GetValue(TlsKey) is null)
            ? $"--{_prefix}-tls-cert and --{_prefix}-tls-key go together."
        : parsed.GetValue(Port) is null && (parsed.GetValue(TlsCertificate) ?? parsed.GetValue(TlsKey)) is not null
            ? $"--{_prefix}-tls-cert and --{_prefix}-tls-key need --{_prefix}-port."
        : null;

    /// <summary>Where to listen, or null when the port was not given (the endpoint is off).</summary>
    public WebListen? ToListen(ParseResult parsed) => parsed.GetValue(Port) is { } port
        ? new WebListen(
            parsed.GetRequiredValue(Address), port, parsed.GetValue(TlsCertificate)?.FullName, parsed.GetValue(TlsKey)?.FullName)
        : null;
}
