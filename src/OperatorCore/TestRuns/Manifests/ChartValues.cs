using System.Text.Json.Nodes;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>
/// Helm values of each chart: <c>environment: Development</c>, so that the disposable environment has
/// the demo accounts the probes log in with; under <c>config</c>, the service configuration the probes
/// need (<see cref="ProbeEnvironmentSettings"/>, as environment variable names with <c>__</c>) and the
/// addresses of the other services; then the spec's values merged over them, so that a run can
/// change any of it.
/// </summary>
public static class ChartValues
{
    public const string ConfigKey = "config";
    public const string EnvironmentKey = "environment";

    public static JsonObject Auth(JsonObject? specValues) => Merge(Config(ProbeEnvironmentSettings.Auth), specValues);

    public static JsonObject Agent(JsonObject? specValues, ServiceUrls urls) =>
        Merge(Config([$"--Services:AuthUrl={urls.AuthUrl}", .. ProbeEnvironmentSettings.Agent]), specValues);

    public static JsonObject Backend(JsonObject? specValues, ServiceUrls urls) =>
        Merge(
            Config([$"--Services:AuthUrl={urls.AuthUrl}", $"--Services:AgentUrl={urls.AgentUrl}", .. ProbeEnvironmentSettings.Backend]),
            specValues);

    /// <summary>
    /// A run's values for a chart over what the operator's installer set once for every chart: the registry of the
    /// images and the pull secrets (copied into the run's namespace).
    /// </summary>
    public static JsonObject? OverRegistry(JsonObject? specValues, ControllerSettings settings)
    {
        var registry = new JsonObject();
        if (settings.ImagePullSecrets.Count > 0)
        {
            registry["imagePullSecrets"] = new JsonArray([.. settings.ImagePullSecrets.Select(name => new JsonObject { ["name"] = name })]);
        }

        if (settings.ServiceImageRegistry is { } host)
        {
            registry["image"] = new JsonObject { ["registry"] = host };
        }

        return registry.Count == 0 ? specValues : Merge(registry, specValues);
    }

    /// <summary><c>--Section:Key=value</c> arguments back from a chart's <c>config</c> values (what a service reads).</summary>
    public static IReadOnlyList<string> ToArguments(JsonObject values) =>
        values[ConfigKey] is JsonObject config
            ? [.. config.Select(entry => $"--{entry.Key.Replace("__", ":", StringComparison.Ordinal)}={entry.Value?.ToString()}")]
            : [];

    private static JsonObject Config(IEnumerable<string> arguments)
    {
        var config = new JsonObject();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = (argument[2..equals], argument[(equals + 1)..]);
            config[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new JsonObject { [EnvironmentKey] = "Development", [ConfigKey] = config };
    }

    /// <summary>Helm's own rule: maps merge key by key, anything else is replaced.</summary>
    private static JsonObject Merge(JsonObject target, JsonObject? overrides)
    {
        foreach (var (key, value) in overrides ?? [])
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }

        return target;
    }
}
