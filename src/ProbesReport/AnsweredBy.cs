namespace Netra.Probes.Report;

/// <summary>
/// The pods of each service that answered a scenario's requests, as each response named its pod (<c>Netra-Pod</c>):
/// distinct, in ordinal order, at most <see cref="MaxNamesPerService"/> a service, each at most <see cref="MaxNameChars"/>
/// characters (a pod's name is a DNS subdomain name). A report read back is held to the same bounds, whatever it claims.
/// </summary>
public sealed record AnsweredBy(IReadOnlyList<string> Auth, IReadOnlyList<string> Backend, IReadOnlyList<string> Agent)
{
    public const int MaxNamesPerService = 16;

    public const int MaxNameChars = 253;

    /// <summary>The bounded names of each service; null when no service named a pod.</summary>
    public static AnsweredBy? Of(IEnumerable<string>? auth, IEnumerable<string>? backend, IEnumerable<string>? agent)
    {
        var answered = new AnsweredBy(Bounded(auth), Bounded(backend), Bounded(agent));
        return answered.Auth.Count + answered.Backend.Count + answered.Agent.Count > 0 ? answered : null;
    }

    /// <summary>A pod's name as it is kept: trimmed and cut to <see cref="MaxNameChars"/>; empty when there is none.</summary>
    public static string Kept(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length > MaxNameChars ? trimmed[..MaxNameChars] : trimmed;
    }

    private static IReadOnlyList<string> Bounded(IEnumerable<string>? names) =>
        [
            .. (names ?? []).Select(Kept).Where(n => n.Length > 0)
                .Distinct(StringComparer.Ordinal).Take(MaxNamesPerService).Order(StringComparer.Ordinal),
        ];
}
