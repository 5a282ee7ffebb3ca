using System.Text.Json.Nodes;
using Netra.Operator.Tests.Charts;

namespace Netra.Operator.Tests.Schedules;

/// <summary>
/// The TestRunSchedule CRD: its template is the TestRun's spec field for field, every field is described in the
/// reference docs' words (<c>kubectl explain testrunschedule.spec</c>), and the chart ships the same file.
/// </summary>
public sealed class ScheduleCrdTests
{
    private const string File = "testrunschedules.netra.io.yaml";

    private static readonly JsonObject Schema = SchemaOf(File);

    [Fact]
    public void The_template_is_the_testrun_spec_schema()
    {
        var template = Schema["properties"]!["spec"]!["properties"]!["template"]!;
        var testRunSpec = SchemaOf("testruns.netra.io.yaml")["properties"]!["spec"]!;

        Assert.True(JsonNode.DeepEquals(testRunSpec["properties"], template["properties"]));
        Assert.Contains("parallelism", template["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Every_field_is_described_in_the_words_of_the_reference_docs()
    {
        var reference = Read("docs", "testrunschedule-reference.md") + Read("docs", "testrun-reference.md");
        var fields = CrdDescriptionTests.Walk(Schema["properties"]!["spec"]!.AsObject(), "spec")
            .Concat(CrdDescriptionTests.Walk(Schema["properties"]!["status"]!.AsObject(), "status")).ToList();

        Assert.Empty(fields.Where(f => string.IsNullOrWhiteSpace(f.Description)).Select(f => f.Path));
        Assert.Empty(fields
            .Where(f => !reference.Contains(f.Description ?? "?", StringComparison.Ordinal))
            .Select(f => $"{f.Path}: {f.Description}"));
        Assert.Contains(fields, f => f.Path == "status.lastTrigger.workloads[].revision");
    }

    [Fact]
    public void The_operator_chart_ships_the_same_crd() =>
        Assert.Equal(Read("crds", File), Read("charts", "netra-operator", "crds", File));

    private static JsonObject SchemaOf(string file) =>
        YamlNodes.Load(Read("crds", file))!["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    private static string Read(params string[] path) => System.IO.File.ReadAllText(Path.Combine([Repository.Root, .. path]));
}
