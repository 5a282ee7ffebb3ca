using System.CommandLine;
using Netra.Operator.Core.Ui;

namespace Netra.Operator.Core.Serve;

/// <summary>The options of <c>serve</c> for the results UI (<see cref="UiOptions"/>): off unless <c>--ui-port</c> is given.</summary>
internal sealed class UiCommandOptions
{
    private static readonly ProxyHeaders ProxyDefaults = new();

    private readonly ListenCommandOptions _listen = new(
        "ui", "the results UI", "Port of the read-only results UI (docs/results-ui.md); default: no UI.", new UiOptions().Address);

    public Option<bool> AuthProxy { get; } = new("--ui-auth-proxy")
    {
        Description = "Trust an authenticating proxy's headers for who is looking (only where nothing else can reach the UI).",
    };

    public Option<string> UserHeader { get; } = new("--ui-auth-proxy-user-header")
    {
        Description = "The proxy's header naming the user.",
        DefaultValueFactory = _ => ProxyDefaults.User,
    };

    public Option<string> GroupHeader { get; } = new("--ui-auth-proxy-group-header")
    {
        Description = "The proxy's header naming the user's groups (repeated or comma-separated).",
        DefaultValueFactory = _ => ProxyDefaults.Groups,
    };

    public IEnumerable<Option> All => [.. _listen.All, AuthProxy, UserHeader, GroupHeader];

    public string? Problem(ParseResult parsed) =>
        _listen.Problem(parsed)
        ?? (parsed.GetValue(AuthProxy) && parsed.GetValue(_listen.Port) is null ? "--ui-auth-proxy needs --ui-port." : null);

    public UiOptions? ToUiOptions(ParseResult parsed) => _listen.ToListen(parsed) is { } listen
        ? new UiOptions
        {
            Address = listen.Address,
            Port = listen.Port,
            TlsCertificateFile = listen.TlsCertificateFile,
            TlsKeyFile = listen.TlsKeyFile,
            AuthProxy = parsed.GetValue(AuthProxy)
                ? new ProxyHeaders(parsed.GetRequiredValue(UserHeader), parsed.GetRequiredValue(GroupHeader))
                : null,
        }
        : null;
}
