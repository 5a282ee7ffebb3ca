using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Schedules;

/// <summary>A readiness trigger with its group, version and plural resource name worked out.</summary>
/// <param name="Namespaces">Empty: the schedule's own namespace.</param>
public sealed record ResolvedReadiness(
    string Group, string Version, string Kind, string Plural, V1LabelSelector Selector, IReadOnlyList<string> Namespaces)
{
    public static ResolvedReadiness Resolve(ReadinessTrigger trigger)
    {
        var apiVersion = trigger.ApiVersion ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var kind = trigger.Kind ?? string.Empty;
        var plural = trigger.Resource ?? GuessPlural(kind);
        var selector = trigger.Selector ?? new V1LabelSelector();
        return new ResolvedReadiness(group, version, kind, plural, selector, [.. trigger.Namespaces ?? []]);
    }

    /// <summary>As Kubernetes guesses a resource from a kind (<c>meta.UnsafeGuessKindToResource</c>).</summary>
    public static string GuessPlural(string kind)
    {
        var lower = kind.ToLowerInvariant();
        return lower switch
        {
            "" => lower,
            _ when lower.EndsWith('s') => lower + "es",
            _ when lower.EndsWith('y') => lower[..^1] + "ies",
            _ => lower + "s",
        };
    }
}
