using System.CommandLine;
using Netra.Operator.Core.Serve;
using Netra.Operator.Core.Ui;

namespace Netra.Operator.Tests.Ui;

/// <summary><c>serve</c>'s UI flags: no UI without <c>--ui-port</c>, a proxy's headers only when asked for.</summary>
public sealed class UiFlagsTests
{
    public static TheoryData<string[], string?> Flags => new()
    {
        { [], null },
        { ["--ui-port", "8082"], null },
        { ["--ui-port", "8082", "--ui-auth-proxy"], null },
        { ["--ui-port", "0"], "--ui-port must be a port, 1 to 65535." },
        { ["--ui-port", "8082", "--ui-address", "ui.example"], "--ui-address must be an IP address, such as 0.0.0.0." },
        { ["--ui-port", "8082", "--ui-tls-key", "tls.key"], "--ui-tls-cert and --ui-tls-key go together." },
        { ["--ui-tls-cert", "tls.crt", "--ui-tls-key", "tls.key"], "--ui-tls-cert and --ui-tls-key need --ui-port." },
        { ["--ui-auth-proxy"], "--ui-auth-proxy needs --ui-port." },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void Ui_flags_are_checked_before_the_operator_starts(string[] args, string? problem)
    {
        var (options, parsed) = Parse(args);

        Assert.Equal(problem, options.Problem(parsed));
    }

    [Fact]
    public void Without_a_ui_port_there_is_no_UI_and_without_the_proxy_flag_no_header_is_trusted()
    {
        var (none, nothing) = Parse([]);
        var (options, parsed) = Parse(["--ui-port", "8082", "--ui-auth-proxy-user-header", "X-Forwarded-User"]);

        Assert.Null(none.ToServeOptions(nothing).Ui);
        Assert.Null(options.ToServeOptions(parsed).Ui!.AuthProxy);
    }

    [Fact]
    public void The_ui_flags_become_its_options()
    {
        var (options, parsed) = Parse([
            "--ui-port", "9082", "--ui-address", "127.0.0.1", "--ui-tls-cert", "/tls/tls.crt", "--ui-tls-key", "/tls/tls.key",
            "--ui-auth-proxy", "--ui-auth-proxy-user-header", "X-Forwarded-User", "--ui-auth-proxy-group-header", "X-Forwarded-Groups",
        ]);

        var ui = options.ToServeOptions(parsed).Ui!;

        Assert.Equal(("127.0.0.1", 9082, "/tls/tls.crt", "/tls/tls.key"), (ui.Address, ui.Port, ui.TlsCertificateFile, ui.TlsKeyFile));
        Assert.Equal(new ProxyHeaders("X-Forwarded-User", "X-Forwarded-Groups"), ui.AuthProxy);
    }

    private static (ServeCommandOptions Options, ParseResult Parsed) Parse(string[] args)
    {
        var options = new ServeCommandOptions();
        var command = new Command("serve");
        options.AddTo(command);
        return (options, command.Parse(args));
    }
}
