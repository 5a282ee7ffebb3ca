using System.Xml.Linq;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Serve;
using YamlDotNet.Serialization;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The charts, the operator's defaults and the projects that publish the images agree: each chart's
/// appVersion is the product's version, and each image a chart or the operator names by default is
/// the one <c>dotnet publish -t:PublishContainer -p:ContainerRegistry=ghcr.io</c> makes.
/// </summary>
public sealed class ChartImagesTests
{
    private const string Registry = "ghcr.io";

    public static TheoryData<string, string> ChartsAndProjects => new()
    {
        { "netra-auth", "src/Services/Auth/Netra.Auth.csproj" },
        { "netra-agent", "src/Services/Agent/Netra.Agent.csproj" },
        { "netra-backend", "src/Services/Backend/Netra.Backend.csproj" },
        { "netra-operator", "src/OperatorImage/Netra.Operator.Image.csproj" },
    };

    [Theory]
    [MemberData(nameof(ChartsAndProjects))]
    public void A_chart_installs_the_image_its_project_publishes_at_the_product_version(string chart, string project)
    {
        var values = Yaml(Path.Combine("charts", chart, "values.yaml"));
        var chartFile = Yaml(Path.Combine("charts", chart, "Chart.yaml"));

        var image = Child(values, "image");
        Assert.Equal((Registry, ContainerRepository(project)), (image["registry"], image["repository"]));
        Assert.Equal(Repository.ProductVersion, chartFile["appVersion"]);
    }

    [Fact]
    public void The_default_probe_image_is_the_probes_project_image_at_the_product_version_in_the_operator_and_its_chart()
    {
        var expected = $"{Registry}/{ContainerRepository("src/Probes/Netra.Probes.csproj")}:{Repository.ProductVersion}";

        Assert.Equal(expected, new ServeOptions().Controller.ProbeImage);
        Assert.Equal(expected, Yaml(Path.Combine("charts", "netra-operator", "values.yaml"))["probeImage"]);
    }

    [Fact]
    public void The_operator_chart_defaults_are_the_operator_defaults()
    {
        var values = Yaml(Path.Combine("charts", "netra-operator", "values.yaml"));
        var charts = Child(values, "charts");
        var defaults = new ControllerSettings();

        Assert.Equal(defaults.HelmImage, values["helmImage"]);
        Assert.Equal([defaults.AuthChart, defaults.AgentChart, defaults.BackendChart], [charts["auth"], charts["agent"], charts["backend"]]);
        Assert.Equal(new ServeOptions().Workers.ToString(System.Globalization.CultureInfo.InvariantCulture), values["workers"]);
    }

    private static string ContainerRepository(string project) =>
        XDocument.Load(Path.Combine(Repository.Root, project)).Descendants("ContainerRepository").Single().Value;

    private static Dictionary<string, object> Yaml(string relativePath) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(Path.Combine(Repository.Root, relativePath)));

    private static Dictionary<string, object> Child(Dictionary<string, object> map, string key) =>
        ((Dictionary<object, object>)map[key]).ToDictionary(pair => (string)pair.Key, pair => pair.Value);
}
