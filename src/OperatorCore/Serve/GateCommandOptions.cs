using System.CommandLine;
using Netra.Operator.Core.Gate;

namespace Netra.Operator.Core.Serve;

/// <summary>The options of <c>serve</c> for the gate (<see cref="GateOptions"/>): off unless <c>--gate-port</c> is given.</summary>
internal sealed class GateCommandOptions
{
    private readonly ListenCommandOptions _listen = new(
        "gate", "the gate", "Port of the gate for Argo Rollouts, Kargo and Flagger (docs/gate-a-canary.md); default: no gate.", new GateOptions().Address);

    public Option<string?> ReportUrl { get; } = new("--gate-report-url")
    {
        Description = "URL of a run's report in the gate's answers, {namespace} and {name} replaced; default: the results command.",
    };

    public IEnumerable<Option> All => [.. _listen.All, ReportUrl];

    public string? Problem(ParseResult parsed) => _listen.Problem(parsed);

    public GateOptions? ToGateOptions(ParseResult parsed) => _listen.ToListen(parsed) is { } listen
        ? new GateOptions
        {
            Address = listen.Address,
            Port = listen.Port,
            TlsCertificateFile = listen.TlsCertificateFile,
            TlsKeyFile = listen.TlsKeyFile,
            ReportUrl = parsed.GetValue(ReportUrl),
        }
        : null;
}
