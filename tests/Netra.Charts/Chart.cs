using System.Text.Json.Nodes;

namespace Netra.Charts;

/// <summary>
/// A chart in a directory (<c>Chart.yaml</c>, <c>values.yaml</c>, <c>templates/</c>): its values, and its templates
/// rendered as <c>helm template</c> would (see <see cref="GoTemplate"/> for the subset understood).
/// </summary>
public class Chart(string directory)
{
    private const string HookAnnotation = "helm.sh/hook";

    public string Directory { get; } = directory;

    public JsonObject DefaultValues() => YamlNodes.Load(File.ReadAllText(Path.Combine(Directory, "values.yaml")))!.AsObject();

    /// <summary>The defaults with <paramref name="overrides"/> (YAML) merged over them, as <c>helm --values</c> does.</summary>
    public JsonObject Values(string overrides) => Merge(DefaultValues(), YamlNodes.Load(overrides)?.AsObject() ?? []);

    /// <summary>Every manifest helm renders: the YAML files under <c>templates/</c>, its subfolders included.</summary>
    public IEnumerable<string> TemplateFiles() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "templates"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);

    /// <summary>The objects of the release itself, as <c>helm install</c> creates them: every rendered object but hooks.</summary>
    /// <param name="apiVersions">What the cluster serves, for <c>.Capabilities.APIVersions.Has</c>.</param>
    public IReadOnlyList<JsonObject> Render(
        JsonObject values, string releaseName, string releaseNamespace, IEnumerable<string> apiVersions) =>
        [.. RenderAll(values, releaseName, releaseNamespace, apiVersions).Where(item => Hooks(item).Length == 0)];

    /// <summary>The pods <c>helm test</c> runs: objects whose <c>helm.sh/hook</c> annotation names <c>test</c>.</summary>
    public IReadOnlyList<JsonObject> RenderTests(
        JsonObject values, string releaseName, string releaseNamespace, IEnumerable<string> apiVersions) =>
        RenderHooks("test", values, releaseName, releaseNamespace, apiVersions);

    /// <summary>What helm runs at <paramref name="hook"/> (<c>test</c>, <c>pre-delete</c>): the objects whose hooks name it.</summary>
    public IReadOnlyList<JsonObject> RenderHooks(
        string hook, JsonObject values, string releaseName, string releaseNamespace, IEnumerable<string> apiVersions) =>
        [.. RenderAll(values, releaseName, releaseNamespace, apiVersions).Where(item => Hooks(item).Contains(hook))];

    /// <summary>What helm prints after an install or upgrade: <c>templates/NOTES.txt</c>, rendered.</summary>
    public string RenderNotes(JsonObject values, string releaseName, string releaseNamespace, IEnumerable<string> apiVersions) =>
        Renderer(values, releaseName, releaseNamespace, apiVersions)(Path.Combine(Directory, "templates", "NOTES.txt"));

    private IEnumerable<JsonObject> RenderAll(
        JsonObject values, string releaseName, string releaseNamespace, IEnumerable<string> apiVersions)
    {
        var render = Renderer(values, releaseName, releaseNamespace, apiVersions);
        return TemplateFiles().SelectMany(file => YamlNodes.LoadAll(render(file))).OfType<JsonObject>();
    }

    /// <summary>Renders a template file of the chart with the chart's helpers and helm's built-in objects.</summary>
    private Func<string, string> Renderer(JsonObject values, string releaseName, string releaseNamespace, IEnumerable<string> apiVersions)
    {
        var chart = YamlNodes.Load(File.ReadAllText(Path.Combine(Directory, "Chart.yaml")))!.AsObject();
        var root = new JsonObject
        {
            ["Values"] = values.DeepClone(),
            ["Chart"] = new JsonObject
            {
                ["Name"] = chart["name"]!.DeepClone(),
                ["Version"] = chart["version"]!.DeepClone(),
                ["AppVersion"] = chart["appVersion"]!.DeepClone(),
            },
            ["Release"] = new JsonObject { ["Name"] = releaseName, ["Namespace"] = releaseNamespace, ["Service"] = "Helm" },
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

        return file => template.Render(File.ReadAllText(file), root);
    }

    /// <summary>The events a hook runs on (<c>test</c>, <c>pre-install,pre-upgrade</c>); none for the release's own objects.</summary>
    private static string[] Hooks(JsonObject item) =>
        (string?)item["metadata"]?["annotations"]?[HookAnnotation] is { } hooks
            ? hooks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];

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
