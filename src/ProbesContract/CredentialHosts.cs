namespace Netra.Probes.Contract;

/// <summary>
/// Where a credentials Secret's owner lets its credentials go: the Secret's <see cref="CredentialVariables.AllowedHosts"/>
/// key lists hosts (<c>auth.example.com</c>) and domains (<c>*.prod.svc.cluster.local</c>), separated by commas or
/// spaces. The probes check every endpoint against it before they send anything, so that whoever may create a TestRun
/// naming the Secret cannot send its credentials anywhere else; the operator needs no right to read the Secret for it.
/// </summary>
public static class CredentialHosts
{
    public static IReadOnlyList<string> Parse(string? list) =>
        [.. (list ?? string.Empty).Split([',', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static bool Allows(IReadOnlyList<string> entries, string host) => entries.Any(entry =>
        string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)
        || (entry.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)));

    /// <summary>Why the credentials may not go to one of <paramref name="endpoints"/> (name, URL), or null when they may go to all.</summary>
    public static string? Refusal(IReadOnlyList<string> entries, IEnumerable<(string Name, Uri Url)> endpoints) =>
        endpoints.FirstOrDefault(e => !Allows(entries, e.Url.Host)) is ({ } name, { } url)
            ? $"The credentials Secret lets its credentials go to {(entries.Count == 0 ? "no host" : string.Join(", ", entries))} only "
                + $"({CredentialVariables.AllowedHosts}), not to {PodText.OneLine(url.Host, 253)} ({name}): nothing was sent."
            : null;
}
