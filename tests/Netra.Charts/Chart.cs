using System.Text.Json.Nodes;

namespace Netra.Charts;

/// <summary>
/// A chart in a directory (<c>Chart.yaml</c>, <c>values.yaml</c>, <c>templates/</c>): its values, and its templates
/// rendered as <c>helm template</c> would (see <see cref="GoTemplate"/> for the subset understood).
/// </summary>
public class Chart(string directory)
{
    public string Directory { get; } = directory;

    public JsonObject DefaultValues() => YamlNodes.Load(File.ReadAllText(Path.Combine(Directory, "values.yaml")))!.AsObject();

    /// <summary>The defaults with <paramref name="overrides"/> (YAML) merged over them, as <c>helm --values</c> does.</summary>
    public JsonObject Values(string overrides) => Merge(DefaultValues(), YamlNodes.Load(overrides)?.AsObject() ?? []);

    public IEnumerable<string> TemplateFiles() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "templates"), "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>Every object the chart renders with <paramref name="values"/> for a release.</summary>
    /// <param name="apiVersions">What the cluster serves, for <c>.Capabilities.APIVersions.Has</c>.</param>
    public IReadOnlyList<JsonObject> Render(JsonObject values, string releaseName, string releaseNamespace, IEnumerable<string> apiVersions)
    {
        var chart = YamlNodes.Load(File.ReadAllText(Path.Combine(Directory, "Chart.yaml")))!.AsObject();
        var root = new JsonObject
        {
            ["Values"] = values,
            ["Chart"] = new JsonObject { ["Name"] = chart["name"]!.DeepClone(), ["AppVersion"] = chart["appVersion"]!.DeepClone() },
            ["Release"] = new JsonObject { ["Name"] = releaseName, ["Namespace"] = releaseNamespace },
            ["Capabilities"] = new JsonObject
            {
                ["APIVersions"] = new JsonArray([.. apiVersions.Select(version => JsonValue.Create(version))]),
            },
        };
        var template = new GoTemplate();
        foreach (var helpers in System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "templates"), "_*.tpl"))
        {
            template.Define(File.ReadAllText(helpers));
        }

        return [.. TemplateFiles()
            .SelectMany(file => YamlNodes.LoadAll(template.Render(File.ReadAllText(file), root)))
            .OfType<JsonObject>()];
    }

    /// <summary>Helm's rule: maps merge key by key, anything else is replaced.</summary>
    public static JsonObject Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
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
