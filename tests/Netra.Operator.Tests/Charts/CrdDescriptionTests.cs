using System.Text.Json.Nodes;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// <c>kubectl explain testrun.spec</c> describes every field: each property of the CRD's spec and
/// status has a description, and that description is the one docs/testrun-reference.md gives.
/// </summary>
public sealed class CrdDescriptionTests
{
    private static readonly JsonObject Schema = YamlNodes.Load(File.ReadAllText(Path.Combine(Repository.Root, "crds", "testruns.netra.io.yaml")))!
        ["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    [Fact]
    public void Every_field_of_spec_and_status_has_a_description()
    {
        var undescribed = Fields().Where(field => string.IsNullOrWhiteSpace(field.Description)).Select(field => field.Path).ToList();

        Assert.Empty(undescribed);
        Assert.Contains(Fields(), field => field.Path == "spec.environment.charts.agent.version");
    }

    [Fact]
    public void Every_description_is_the_reference_docs_wording()
    {
        var reference = File.ReadAllText(Path.Combine(Repository.Root, "docs", "testrun-reference.md"));

        var missing = Fields().Where(field => !reference.Contains(field.Description ?? "?", StringComparison.Ordinal))
            .Select(field => $"{field.Path}: {field.Description}").ToList();

        Assert.Empty(missing);
    }

    private static IEnumerable<(string Path, string? Description)> Fields() =>
        Walk(Schema["properties"]!["spec"]!.AsObject(), "spec").Concat(Walk(Schema["properties"]!["status"]!.AsObject(), "status"));

    internal static IEnumerable<(string Path, string? Description)> Walk(JsonObject node, string path)
    {
        yield return (path, (string?)node["description"]);
        foreach (var (name, child) in node["properties"]?.AsObject() ?? [])
        {
            foreach (var field in Walk(child!.AsObject(), $"{path}.{name}"))
            {
                yield return field;
            }
        }

        if (node["items"] is JsonObject items)
        {
            foreach (var field in Walk(items, $"{path}[]").Skip(1))
            {
                yield return field;
            }
        }
    }
}
