using System.Text.Json.Nodes;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// Every file written from the API types, by path from the repository's root: each CRD (crds/ and the operator
/// chart's copy) and the field tables of each reference page (between its <c>&lt;!-- generated: … --&gt;</c> markers).
/// </summary>
public static class GeneratedFiles
{
    public static readonly string[] CrdFolders = ["crds", "charts/netra-operator/crds"];

    private const string Notice = """

        Written by src/ApiSchema at every build from the C# API types (src/OperatorCore/Api/V1Alpha1) and their
        summaries: edit those, not this file.
        """;

    public static IReadOnlyDictionary<string, string> Render(string repositoryRoot)
    {
        var schemas = new OpenApiSchemas(XmlDocs.For(typeof(TestRun).Assembly));
        var files = new Dictionary<string, string>();
        JsonObject? testRun = null;
        foreach (var resource in CustomResources.All)
        {
            var schema = schemas.For(resource.Type);
            var yaml = YamlText.Of(CustomResourceDefinitions.Of(resource, schema), resource.Header.TrimEnd() + Notice);
            foreach (var folder in CrdFolders)
            {
                files[$"{folder}/{resource.FileName}"] = yaml;
            }

            var tables = new FieldTables();
            if (testRun is not null)
            {
                tables.ListedElsewhere(testRun, "the TestRun's");
            }

            var page = File.ReadAllText(Path.Combine(repositoryRoot, resource.Reference));
            page = Splice(page, "spec fields", tables.Of(schema, "spec"), resource.Reference);
            files[resource.Reference] = Splice(page, "status fields", tables.Of(schema, "status"), resource.Reference);
            testRun ??= schema;
        }

        return files;
    }

    /// <summary>The page with the text between <c>&lt;!-- generated: name --&gt;</c> and the next end marker replaced.</summary>
    private static string Splice(string page, string name, string content, string path)
    {
        var start = $"<!-- generated: {name} -->\n";
        var from = page.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : page.IndexOf(EndMarker, from, StringComparison.Ordinal);
        if (to < 0)
        {
            throw new InvalidOperationException($"{path}: no '{start.TrimEnd()}' … '{EndMarker}' to write the {name} table between.");
        }

        return string.Concat(page.AsSpan(0, from + start.Length), content, page.AsSpan(to));
    }

    private const string EndMarker = "<!-- end generated -->";
}
