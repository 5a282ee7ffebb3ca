using k8s.Models;

namespace Netra.Operator.Core.Schedules;

/// <summary>Whether labels match a <c>metav1.LabelSelector</c>, as the API server's list filter decides it.</summary>
public static class LabelSelectors
{
    public static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        var byLabels = (selector.MatchLabels ?? new Dictionary<string, string>())
            .All(wanted => labels.TryGetValue(wanted.Key, out var value) && value == wanted.Value);
        return byLabels && (selector.MatchExpressions ?? []).All(expression => Matches(expression, labels));
    }

    /// <summary>The selector as a list request's <c>labelSelector</c> parameter.</summary>
    public static string ToQuery(V1LabelSelector selector) => string.Join(",", [
        .. (selector.MatchLabels ?? new Dictionary<string, string>()).Select(label => $"{label.Key}={label.Value}"),
        .. (selector.MatchExpressions ?? []).Select(ToQuery),
    ]);

    private static string ToQuery(V1LabelSelectorRequirement requirement) => requirement.OperatorProperty switch
    {
        "In" => $"{requirement.Key} in ({string.Join(",", requirement.Values ?? [])})",
        "NotIn" => $"{requirement.Key} notin ({string.Join(",", requirement.Values ?? [])})",
        "Exists" => requirement.Key,
        _ => "!" + requirement.Key,
    };

    private static bool Matches(V1LabelSelectorRequirement requirement, IDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
