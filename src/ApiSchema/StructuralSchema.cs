using System.Text.Json.Nodes;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// A schema as Kubernetes accepts it in a CRD (a structural schema): every node has one type, no <c>$ref</c>, no
/// <c>additionalProperties</c> beside <c>properties</c>, only the keywords below, always in the order below.
/// </summary>
public static class StructuralSchema
{
    private static readonly string[] Keywords =
    [
        "description", "type", "format", "x-kubernetes-int-or-string", "anyOf", "enum", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "minItems", "maxItems", "maxProperties", "default", "x-kubernetes-list-type",
        "x-kubernetes-list-map-keys", "x-kubernetes-preserve-unknown-fields", "required", "items", "properties",
        "additionalProperties",
    ];

    public static JsonObject Of(JsonNode exported)
    {
        var schema = exported.AsObject();
        schema.Remove("$schema");
        return Ordered(Inlined(schema, schema, depth: 0), "openAPIV3Schema");
    }

    /// <summary>
    /// The node with each <c>$ref</c> replaced by what it points at. The exporter refers back when the same property of
    /// the same type comes again (a RunTrigger's workloads under lastTrigger and queuedTrigger): the same schema.
    /// </summary>
    private static JsonObject Inlined(JsonObject root, JsonObject node, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidOperationException("The API types nest more than 32 deep: a type that contains itself has no CRD schema.");
        }

        if (node["$ref"] is JsonValue pointer)
        {
            node = Resolve(root, (string)pointer!).DeepClone().AsObject();
        }

        foreach (var (key, child) in node.ToList())
        {
            if (child is JsonObject nested)
            {
                node[key] = Inlined(root, nested.DeepClone().AsObject(), depth + 1);
            }
        }

        return node;
    }

    private static JsonObject Resolve(JsonObject root, string pointer)
    {
        JsonNode target = root;
        foreach (var step in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            target = target[step.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"{pointer} points at nothing.");
        }

        return target.AsObject();
    }

    private static JsonObject Ordered(JsonObject node, string path)
    {
        var unknown = node.Select(p => p.Key).Except(Keywords).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{path}: {string.Join(", ", unknown)} has no place in a structural schema.");
        }

        if (node["type"] is null && node["x-kubernetes-int-or-string"] is null && node["anyOf"] is null)
        {
            throw new InvalidOperationException($"{path}: no type; give the property a type Kubernetes can check.");
        }

        if (node["properties"] is not null && node["additionalProperties"] is not null)
        {
            throw new InvalidOperationException($"{path}: properties and additionalProperties exclude each other.");
        }

        var ordered = new JsonObject();
        foreach (var keyword in Keywords.Where(node.ContainsKey))
        {
            ordered[keyword] = keyword switch
            {
                "items" or "additionalProperties" => Ordered(node[keyword]!.AsObject(), $"{path}.{keyword}"),
                "properties" => Properties(node[keyword]!.AsObject(), path),
                _ => node[keyword]!.DeepClone(),
            };
        }

        return ordered;
    }

    private static JsonObject Properties(JsonObject properties, string path)
    {
        var ordered = new JsonObject();
        foreach (var (name, child) in properties)
        {
            ordered[name] = Ordered(child!.AsObject(), $"{path}.{name}");
        }

        return ordered;
    }
}
