using System.Text.Json.Nodes;
using k8s;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// One of the repository's charts, read from <c>charts/&lt;name&gt;</c>: its values, and its templates
/// rendered as <c>helm template</c> would (see <see cref="GoTemplate"/> for the subset understood).
/// </summary>
public sealed class HelmChart(string name)
{
    public const string ReleaseName = "release";
    public const string ReleaseNamespace = "netra";

    public static IReadOnlyList<string> ServiceCharts { get; } = ["netra-auth", "netra-backend", "netra-agent"];

    public static IReadOnlyList<string> All { get; } = [.. ServiceCharts, "netra-operator"];

    public string Directory { get; } = Path.Combine(Repository.Root, "charts", name);

    public JsonObject DefaultValues() => YamlNodes.Load(File.ReadAllText(Path.Combine(Directory, "values.yaml")))!.AsObject();

    /// <summary>The defaults with <paramref name="overrides"/> (YAML) merged over them, as <c>helm --values</c> does.</summary>
    public JsonObject Values(string overrides) => Merge(DefaultValues(), YamlNodes.Load(overrides)?.AsObject() ?? []);

    public IEnumerable<string> TemplateFiles() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "templates"), "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>
    /// Every object the chart renders with its defaults and, merged over them as helm does, <paramref name="overrides"/> (YAML),
    /// installed in <paramref name="releaseNamespace"/>.
    /// </summary>
    public IReadOnlyList<JsonObject> Render(string overrides = "{}", string releaseNamespace = ReleaseNamespace)
    {
        var values = Values(overrides);
        var chart = YamlNodes.Load(File.ReadAllText(Path.Combine(Directory, "Chart.yaml")))!.AsObject();
        var root = new JsonObject
        {
            ["Values"] = values,
            ["Chart"] = new JsonObject { ["Name"] = chart["name"]!.DeepClone(), ["AppVersion"] = chart["appVersion"]!.DeepClone() },
            ["Release"] = new JsonObject { ["Name"] = ReleaseName, ["Namespace"] = releaseNamespace },
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

    public static JsonObject OfKind(IReadOnlyList<JsonObject> objects, string kind) =>
        Assert.Single(objects, item => (string?)item["kind"] == kind);

    /// <summary>The one object of <paramref name="kind"/>, as the Kubernetes client's type for it.</summary>
    public static T OfKind<T>(IReadOnlyList<JsonObject> objects, string kind) =>
        KubernetesJson.Deserialize<T>(OfKind(objects, kind).ToJsonString());

    public static bool Contains(IReadOnlyList<JsonObject> objects, string kind) => objects.Any(item => (string?)item["kind"] == kind);

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
