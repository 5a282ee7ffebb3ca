using System.Text.RegularExpressions;

namespace Netra.Probes.Evidence;

/// <summary>
/// What evidence may not carry (it reaches the run's results and CI logs): a JWT anywhere, and any value under a JSON key
/// or a form/query parameter whose name says password, secret or token (<c>access_token</c>, <c>client_secret</c>, ...).
/// Each becomes <see cref="Redacted"/>. Applied to a whole entry before it is cut, so no half token slips past.
/// </summary>
public static partial class SecretRedaction
{
    public const string Redacted = "<redacted>";

    public static string Redact(string text)
    {
        var withoutJwts = Jwt().Replace(text, Redacted);
        var withoutJson = SecretJsonValue().Replace(withoutJwts, m => $"\"{m.Groups["key"].Value}\":\"{Redacted}\"");
        return SecretParameter().Replace(withoutJson, m => $"{m.Groups["key"].Value}={Redacted}");
    }

    /// <summary>Base64url of <c>{"</c> and what follows in dot-separated parts: a JWT, whole or cut.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]*)*")]
    private static partial Regex Jwt();

    /// <summary>A JSON member whose key names a secret; its value a string (even unterminated), a flat object or array, or a scalar.</summary>
    [GeneratedRegex(
        @"""(?<key>[^""\\]*(?:password|secret|token)[^""\\]*)""\s*:\s*(?:""(?:[^""\\]|\\.)*""?|\{[^{}]*\}?|\[[^\[\]]*\]?|[^\s,}\]]+)",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretJsonValue();

    /// <summary>A query or form parameter whose name names a secret.</summary>
    [GeneratedRegex(@"(?<=^|[?&;\s])(?<key>[\w.\-]*(?:password|secret|token)[\w.\-]*)=[^&\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
