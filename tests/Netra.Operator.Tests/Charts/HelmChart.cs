using System.Text.Json.Nodes;
using k8s;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// One of the repository's charts, read from <c>charts/&lt;name&gt;</c> (see <see cref="Chart"/>), released under its own name
/// unless told otherwise: as the docs install the operator and its deploy Job installs the service charts.
/// </summary>
public sealed class HelmChart(string name) : Chart(Path.Combine(Repository.Root, "charts", name))
{
    public string Name { get; } = name;

    public const string ReleaseNamespace = "netra";

    public static IReadOnlyList<string> ServiceCharts { get; } = ["netra-auth", "netra-backend", "netra-agent"];

    public static IReadOnlyList<string> All { get; } = [.. ServiceCharts, "netra-operator"];

    /// <summary>Every object the chart renders with its defaults and, merged over them as helm does, <paramref name="overrides"/> (YAML).</summary>
    /// <param name="apiVersions">What the cluster serves, for <c>.Capabilities.APIVersions.Has</c>.</param>
    /// <param name="releaseNamespace">The release's namespace.</param>
    /// <param name="releaseName">The release's name; null: the chart's.</param>
    public IReadOnlyList<JsonObject> Render(
        string overrides = "{}",
        IEnumerable<string>? apiVersions = null,
        string releaseNamespace = ReleaseNamespace,
        string? releaseName = null) =>
        Render(Values(overrides), releaseName ?? Name, releaseNamespace, apiVersions ?? []);

    /// <summary>The pods <c>helm test</c> runs, with <paramref name="overrides"/> (YAML) over the defaults.</summary>
    public IReadOnlyList<JsonObject> RenderTests(string overrides = "{}") => RenderTests(Values(overrides), Name, ReleaseNamespace, []);

    /// <summary>What helm runs at <paramref name="hook"/> (<c>pre-delete</c>), <paramref name="overrides"/> over the defaults.</summary>
    public IReadOnlyList<JsonObject> RenderHooks(string hook, string overrides = "{}", string? releaseName = null) =>
        RenderHooks(hook, Values(overrides), releaseName ?? Name, ReleaseNamespace, []);

    /// <summary>What helm prints after installing the chart, with <paramref name="overrides"/> (YAML) over the defaults.</summary>
    public string RenderNotes(string overrides = "{}", string? releaseName = null) =>
        RenderNotes(Values(overrides), releaseName ?? Name, ReleaseNamespace, []);

    /// <summary>The production values of deploy/production for this chart: the shared file, then the chart's own, as helm merges repeated -f.</summary>
    public JsonObject ProductionValues()
    {
        var folder = Path.Combine(Repository.Root, "deploy", "production");
        var shared = YamlNodes.Load(File.ReadAllText(Path.Combine(folder, "netra.values.yaml")))!.AsObject();
        var own = YamlNodes.Load(File.ReadAllText(Path.Combine(folder, $"{Name}.values.yaml")))!.AsObject();
        return Merge(Merge(DefaultValues(), shared), own);
    }

    public IReadOnlyList<JsonObject> RenderProduction(IEnumerable<string>? apiVersions = null) =>
        Render(ProductionValues(), Name, ReleaseNamespace, apiVersions ?? []);

    public static JsonObject OfKind(IReadOnlyList<JsonObject> objects, string kind) =>
        Assert.Single(objects, item => (string?)item["kind"] == kind);

    /// <summary>The one object of <paramref name="kind"/>, as the Kubernetes client's type for it.</summary>
    public static T OfKind<T>(IReadOnlyList<JsonObject> objects, string kind) =>
        KubernetesJson.Deserialize<T>(OfKind(objects, kind).ToJsonString());

    public static bool Contains(IReadOnlyList<JsonObject> objects, string kind) => objects.Any(item => (string?)item["kind"] == kind);
}
