using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// A run's Helm values against the keys the installer lets tenants set (<see cref="TenantPolicy.ChartValues"/>). The
/// values reach <c>helm --values</c>, where a key such as <c>image.repository</c>, <c>secretName</c>,
/// <c>networkPolicy.extraEgress</c> or <c>tolerations</c> would run any image, mount any Secret of the run's namespace,
/// open its egress or place its pods anywhere: only listed keys pass, each named when refused. Configuration keys must
/// be <c>Section__Key</c> settings (no runtime variable such as <c>DOTNET_STARTUP_HOOKS</c>) and resources quantities
/// within what one container may have.
/// </summary>
public static partial class ChartValuesCheck
{
    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(__[A-Za-z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex SettingName();

    public static IEnumerable<string> Violations(string service, JsonObject? values, TenantPolicy policy, EnvironmentLimits limits)
    {
        var prefix = $"spec.environment.charts.{service}.values";
        foreach (var (path, value) in Leaves(values, ""))
        {
            if (!policy.ChartValues.Any(pattern => Allows(pattern, path, value)))
            {
                yield return $"{prefix}.{path} is not a value runs may set (allowed: {string.Join(", ", policy.ChartValues)}).";
            }
            else if (policy.ChartValues.Contains(AllowList.Any))
            {
                continue;
            }
            else if (path.StartsWith("config.", StringComparison.Ordinal) && !SettingName().IsMatch(path["config.".Length..]))
            {
                yield return $"{prefix}.{path} is not a service setting (Section__Key); runtime variables are the installer's.";
            }
            else if (path.StartsWith("resources.", StringComparison.Ordinal) && Beyond(path, value, limits) is { } beyond)
            {
                yield return $"{prefix}.{path} {beyond}";
            }
        }
    }

    /// <summary>Every key whose value is not an object, by its dotted path (an empty object sets nothing).</summary>
    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonObject? values, string prefix)
    {
        foreach (var (key, value) in values ?? [])
        {
            var path = prefix + key;
            if (value is JsonObject child)
            {
                foreach (var leaf in Leaves(child, path + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    private static bool Allows(string pattern, string path, JsonNode? value) =>
        pattern == AllowList.Any
        || pattern == path
        || (pattern.EndsWith(".*", StringComparison.Ordinal)
            && path.StartsWith(pattern[..^1], StringComparison.Ordinal)
            && !path[(pattern.Length - 1)..].Contains('.', StringComparison.Ordinal)
            && value is JsonValue);

    private static string? Beyond(string path, JsonNode? value, EnvironmentLimits limits)
    {
        var most = path.EndsWith(".cpu", StringComparison.Ordinal) ? limits.MaxContainerCpu : limits.MaxContainerMemory;
        return Quantities.AtMost(value is JsonValue v ? v.ToString() : null, most);
    }
}
