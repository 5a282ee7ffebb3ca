using System.Text;
using System.Text.Json.Nodes;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// The field tables of a reference page: one row per field of <c>spec</c> or <c>status</c>, its description as the
/// CRD gives it. A field shaped like one listed before (the same type used twice) gets one row that says so.
/// </summary>
public sealed class FieldTables
{
    private readonly List<(JsonObject Shape, string Label)> _listed = [];

    /// <summary>Fields shaped like <paramref name="root"/>'s spec and status read "as" these, on another page.</summary>
    public void ListedElsewhere(JsonObject root, string page)
    {
        foreach (var part in new[] { "spec", "status" })
        {
            foreach (var (path, node) in Walk(root["properties"]![part]!.AsObject(), part))
            {
                _listed.Add((node, $"{page} `{path}`"));
            }
        }
    }

    /// <summary>The description of <c>spec</c> or <c>status</c>, then its table.</summary>
    public string Of(JsonObject root, string part)
    {
        var node = root["properties"]![part]!.AsObject();
        var text = new StringBuilder()
            .Append((string?)node["description"]).Append("\n\n")
            .Append("| field | description |\n|---|---|\n");
        foreach (var (path, field, note) in Rows(node, part))
        {
            text.Append($"| `{path}`{note} | {((string?)field["description"])?.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        return text.ToString();
    }

    private IEnumerable<(string Path, JsonObject Field, string Note)> Rows(JsonObject node, string path)
    {
        foreach (var (name, child) in node["properties"]?.AsObject() ?? [])
        {
            var field = child!.AsObject();
            var fieldPath = $"{path}.{name}";
            var items = field["items"] as JsonObject;
            var (kind, shape) = items is null ? ("fields", field) : ("items", items);
            if (shape["properties"] is not null && _listed.FirstOrDefault(l => SameShape(l.Shape, shape)).Label is { } label)
            {
                yield return (fieldPath, field, $" ({kind} as {label})");
                continue;
            }

            if (shape["properties"] is not null)
            {
                _listed.Add((shape, $"`{fieldPath}`"));
            }

            yield return (fieldPath, field, string.Empty);
            foreach (var row in Rows(shape, items is null ? fieldPath : $"{fieldPath}[]"))
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<(string Path, JsonObject Node)> Walk(JsonObject node, string path)
    {
        yield return (path, node);
        if (node["items"] is JsonObject items)
        {
            yield return (path, items);
            node = items;
            path += "[]";
        }

        foreach (var (name, child) in node["properties"]?.AsObject() ?? [])
        {
            foreach (var nested in Walk(child!.AsObject(), $"{path}.{name}"))
            {
                yield return nested;
            }
        }
    }

    /// <summary>The same fields, whatever the field itself is called, described as, or defaults to.</summary>
    private static bool SameShape(JsonObject a, JsonObject b) =>
        a["properties"] is not null && JsonNode.DeepEquals(a["properties"], b["properties"]);
}
