using System.CommandLine;
using Netra.Operator.Core.Serve;

namespace Netra.Operator.Tests.Gate;

/// <summary><c>serve</c>'s gate flags: no gate without <c>--gate-port</c>, TLS with both a certificate and its key.</summary>
public sealed class GateFlagsTests
{
    public static TheoryData<string[], string?> Flags => new()
    {
        { [], null },
        { ["--gate-port", "8443"], null },
        { ["--gate-port", "8443", "--gate-tls-cert", "tls.crt", "--gate-tls-key", "tls.key"], null },
        { ["--gate-port", "0"], "--gate-port must be a port, 1 to 65535." },
        { ["--gate-port", "70000"], "--gate-port must be a port, 1 to 65535." },
        { ["--gate-port", "8443", "--gate-address", "gate.example"], "--gate-address must be an IP address, such as 0.0.0.0." },
        { ["--gate-port", "8443", "--gate-tls-cert", "tls.crt"], "--gate-tls-cert and --gate-tls-key go together." },
        { ["--gate-tls-cert", "tls.crt", "--gate-tls-key", "tls.key"], "--gate-tls-cert and --gate-tls-key need --gate-port." },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void Gate_flags_are_checked_before_the_operator_starts(string[] args, string? problem)
    {
        var (options, parsed) = Parse(args);

        Assert.Equal(problem, options.Problem(parsed));
    }

    [Fact]
    public void Without_a_gate_port_there_is_no_gate()
    {
        var (options, parsed) = Parse([]);

        Assert.Null(options.ToServeOptions(parsed).Gate);
    }

    [Fact]
    public void The_gate_flags_become_its_options()
    {
        var (options, parsed) = Parse([
            "--gate-port", "9443", "--gate-address", "127.0.0.1", "--gate-tls-cert", "/tls/tls.crt", "--gate-tls-key", "/tls/tls.key",
            "--gate-report-url", "https://ci.example/{namespace}/{name}",
        ]);

        var gate = options.ToServeOptions(parsed).Gate!;

        Assert.Equal(("127.0.0.1", 9443, "/tls/tls.crt", "/tls/tls.key", "https://ci.example/{namespace}/{name}"),
            (gate.Address, gate.Port, gate.TlsCertificateFile, gate.TlsKeyFile, gate.ReportUrl));
        Assert.True(gate.Tls);
    }

    private static (ServeCommandOptions Options, ParseResult Parsed) Parse(string[] args)
    {
        var options = new ServeCommandOptions();
        var command = new Command("serve");
        options.AddTo(command);
        return (options, command.Parse(args));
    }
}
