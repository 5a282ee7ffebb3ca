using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Netra.Operator.Core.TestRuns.Manifests;
using YamlDotNet.Serialization;

namespace Netra.Operator.Images;

/// <summary>
/// Every image an installation pulls, from the operator chart's values as helm merges them (its defaults, then the
/// installer's files in order): the operator's, the probes' and helm's (for the deploy Jobs), and the three services'
/// of the charts the operator carries, under <c>serviceImageRegistry</c> when set. Each is resolved as the charts'
/// templates resolve it: <c>registry/repository:tag</c>, the tag defaulting to the chart's appVersion, or
/// <c>registry/repository@digest</c> when a digest is set.
/// </summary>
public static class ChartImages
{
    private static readonly string[] Services = ["auth", "backend", "agent"];

    public static IReadOnlyList<string> Of(IEnumerable<string> valuesYaml)
    {
        var values = valuesYaml.Aggregate(Embedded(typeof(ChartImages).Assembly, "charts/netra-operator/values.yaml"), Merge);
        var operatorVersion = AppVersion(typeof(ChartImages).Assembly, "netra-operator");
        List<string> images =
        [
            Reference(values["image"], operatorVersion),
            (string)values["probeImage"]!,
            (string)values["helmImage"]!,
        ];
        var serviceRegistry = (string?)values["serviceImageRegistry"];
        foreach (var service in Services)
        {
            var charts = typeof(BundledCharts).Assembly;
            var image = Embedded(charts, $"charts/netra-{service}/values.yaml")["image"]!.AsObject();
            if (!string.IsNullOrEmpty(serviceRegistry))
            {
                image["registry"] = serviceRegistry;
            }

            images.Add(Reference(image, AppVersion(charts, $"netra-{service}")));
        }

        return [.. images.Distinct()];
    }

    /// <summary>As the charts' image helpers: the registry (when set), the repository, then the digest, the tag or the appVersion.</summary>
    private static string Reference(JsonNode? image, string appVersion)
    {
        var registry = (string?)image?["registry"];
        var tag = (string?)image?["tag"];
        var digest = (string?)image?["digest"];
        var version = !string.IsNullOrEmpty(digest) ? "@" + digest : ":" + (string.IsNullOrEmpty(tag) ? appVersion : tag);
        return $"{(string.IsNullOrEmpty(registry) ? string.Empty : registry + "/")}{(string?)image?["repository"]}{version}";
    }

    private static string AppVersion(Assembly assembly, string chart) =>
        (string)Embedded(assembly, $"charts/{chart}/Chart.yaml")["appVersion"]!;

    private static JsonObject Embedded(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return Yaml(reader.ReadToEnd());
    }

    private static JsonObject Yaml(string text)
    {
        var document = new DeserializerBuilder().Build().Deserialize<object?>(text);
        return JsonNode.Parse(JsonSerializer.Serialize(document ?? new Dictionary<object, object>()))?.AsObject() ?? [];
    }

    /// <summary>Helm's merge of a values file over what came before: maps key by key, anything else replaced.</summary>
    private static JsonObject Merge(JsonObject values, string overridesYaml) => Merge(values, Yaml(overridesYaml));

    private static JsonObject Merge(JsonObject values, JsonObject overrides)
    {
        foreach (var (key, value) in overrides.ToList())
        {
            values[key] = value is JsonObject map && values[key] is JsonObject existing ? Merge(existing, map) : value?.DeepClone();
        }

        return values;
    }
}
