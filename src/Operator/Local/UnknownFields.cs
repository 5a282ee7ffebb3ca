using System.Text.Json.Nodes;

namespace Netra.Operator.Local;

/// <summary>
/// Fields of a manifest that the TestRun type does not have (a typo such as <c>paralelism</c>), found by
/// comparing the document with the TestRun read from it and written back: what did not survive is unknown.
/// <c>kubectl apply</c> refuses the same fields, so the local run refuses them too.
/// </summary>
public static class UnknownFields
{
    public static IReadOnlyList<string> Find(JsonNode? document, JsonNode? roundTripped, string path = "")
    {
        if (document is not JsonObject given)
        {
            return document is JsonArray items && roundTripped is JsonArray kept
                ? [.. items.SelectMany((item, i) => Find(item, i < kept.Count ? kept[i] : null, $"{path}[{i}]"))]
                : [];
        }

        var known = roundTripped as JsonObject;
        return [.. given
            .Where(field => field.Value is not null)
            .SelectMany(field =>
            {
                var fieldPath = path.Length == 0 ? field.Key : $"{path}.{field.Key}";
                return known?.ContainsKey(field.Key) == true ? Find(field.Value, known[field.Key], fieldPath) : [fieldPath];
            })];
    }
}
