using System.CommandLine;
using System.Net;
using Netra.Operator.Core.Gate;

namespace Netra.Operator.Core.Serve;

/// <summary>The options of <c>serve</c> for the gate (<see cref="GateOptions"/>): off unless <c>--gate-port</c> is given.</summary>
internal sealed class GateCommandOptions
{
    private static readonly GateOptions Defaults = new();

    public Option<int?> Port { get; } = new("--gate-port")
    {
        Description = "Port of the gate for Argo Rollouts, Kargo and Flagger (docs/gate-a-canary.md); default: no gate.",
    };

    public Option<string> Address { get; } = new("--gate-address")
    {
        Description = "IP address the gate listens on.",
        DefaultValueFactory = _ => Defaults.Address,
    };

    public Option<FileInfo?> TlsCertificate { get; } = new("--gate-tls-cert")
    {
        Description = "PEM certificate of the gate, with --gate-tls-key: the gate speaks HTTPS (and reloads both when they change).",
    };

    public Option<FileInfo?> TlsKey { get; } = new("--gate-tls-key") { Description = "PEM private key of --gate-tls-cert." };

    public Option<string?> ReportUrl { get; } = new("--gate-report-url")
    {
        Description = "URL of a run's report in the gate's answers, {namespace} and {name} replaced; default: the results command.",
    };

    public IEnumerable<Option> All => [Port, Address, TlsCertificate, TlsKey, ReportUrl];

    public string? Problem(ParseResult parsed) =>
        parsed.GetValue(Port) is < 1 or > 65535 ? "--gate-port must be a port, 1 to 65535."
        : !IPAddress.TryParse(parsed.GetValue(Address), out _) ? "--gate-address must be an IP address, such as 0.0.0.0."
        : (parsed.GetValue(TlsCertificate) is null) != (parsed.GetValue(TlsKey) is null)
            ? "--gate-tls-cert and --gate-tls-key go together."
        : parsed.GetValue(Port) is null && (parsed.GetValue(TlsCertificate) ?? parsed.GetValue(TlsKey)) is not null
            ? "--gate-tls-cert and --gate-tls-key need --gate-port."
        : null;

    public GateOptions? ToGateOptions(ParseResult parsed) => parsed.GetValue(Port) is { } port
        ? new GateOptions
        {
            Address = parsed.GetRequiredValue(Address),
            Port = port,
            TlsCertificateFile = parsed.GetValue(TlsCertificate)?.FullName,
            TlsKeyFile = parsed.GetValue(TlsKey)?.FullName,
            ReportUrl = parsed.GetValue(ReportUrl),
        }
        : null;
}
