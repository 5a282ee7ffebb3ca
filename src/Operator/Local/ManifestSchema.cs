using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;
using YamlDotNet.Serialization;

namespace Netra.Operator.Local;

/// <summary>
/// A manifest checked against its CRD's own OpenAPI schema (the CRD files, embedded in this program), as the API server
/// checks it on <c>kubectl apply</c>, and the first violation said as kubectl says it, e.g.
/// <c>spec.parallelism: Invalid value: "x": spec.parallelism in body must be of type integer</c>.
/// </summary>
public static class ManifestSchema
{
    // Each kind's schema is read on first use only: reading a CRD costs a fresh process a good part of its start.
    private static readonly ConcurrentDictionary<string, JsonNode?> Schemas = new(StringComparer.Ordinal);

    /// <summary>The first violation of <paramref name="document"/> against its kind's schema, or null when there is none.</summary>
    public static string? FirstViolation(string kind, JsonNode document)
    {
        if (Schemas.GetOrAdd(kind, LoadSchema) is not { } schemaNode)
        {
            return null;
        }

        var schema = JsonSchema.FromText(schemaNode.ToJsonString());
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? null
            : (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .OrderByDescending(d => d.InstanceLocation.Count)
                .SelectMany(d => d.Errors!.Select(e => Describe(e.Key, d.InstanceLocation, document, Subschema(schemaNode, d.EvaluationPath))))
                .FirstOrDefault(m => m is not null);
    }

    private static string? Describe(string keyword, JsonPointer location, JsonNode document, JsonNode? schema)
    {
        var path = PathOf(location);
        location.TryEvaluate(document, out var value);
        var shown = Shown(value);
        return keyword switch
        {
            "type" => $"{path}: Invalid value: {shown}: {path} in body must be of type {(string?)schema?["type"]}",
            "enum" => $"{path}: Unsupported value: {shown}: supported values: "
                + string.Join(", ", (schema?["enum"]?.AsArray() ?? []).Select(Shown)),
            "minimum" => $"{path}: Invalid value: {shown}: {path} in body should be greater than or equal to {schema?["minimum"]}",
            "maximum" => $"{path}: Invalid value: {shown}: {path} in body should be less than or equal to {schema?["maximum"]}",
            "pattern" => $"{path}: Invalid value: {shown}: {path} in body should match '{(string?)schema?["pattern"]}'",
            "minLength" => $"{path}: Invalid value: {shown}: {path} in body should be at least {schema?["minLength"]} chars long",
            "maxLength" => $"{path}: Too long: may not be longer than {schema?["maxLength"]}",
            "minItems" => $"{path}: Invalid value: {Count(value)}: {path} in body should have at least {schema?["minItems"]} items",
            "maxItems" => $"{path}: Too many: {Count(value)}: must have at most {schema?["maxItems"]} items",
            "required" => (schema?["required"]?.AsArray() ?? [])
                .Select(r => (string?)r)
                .Where(r => r is not null && value is JsonObject o && !o.ContainsKey(r))
                .Select(r => $"{Join(path, r!)}: Required value")
                .FirstOrDefault(),
            "properties" or "items" or "additionalProperties" or "allOf" or "anyOf" or "oneOf" or "$ref" => null,
            _ => $"{path}: Invalid value: {shown}: {path} in body must satisfy {keyword}",
        };
    }

    /// <summary><c>/spec/scenarios/0</c> as kubectl prints it: <c>spec.scenarios[0]</c>; the root is <c>&lt;root&gt;</c>.</summary>
    private static string PathOf(JsonPointer location)
    {
        var path = string.Empty;
        for (var i = 0; i < location.Count; i++)
        {
            var segment = location[i].ToString();
            path = int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"{path}[{segment}]" : Join(path, segment);
        }

        return path.Length == 0 ? "<root>" : path;
    }

    private static string Join(string path, string name) => path is "" or "<root>" ? name : $"{path}.{name}";

    private static string Shown(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize((string?)v),
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        _ => value.ToJsonString(),
    };

    private static int Count(JsonNode? value) => value is JsonArray array ? array.Count : 0;

    /// <summary>The subschema an output unit was evaluated against (the CRD schema has no references to follow).</summary>
    private static JsonNode? Subschema(JsonNode schema, JsonPointer evaluationPath) =>
        evaluationPath.TryEvaluate(schema, out var found) ? found : null;

    /// <summary>The OpenAPI schema of the embedded CRD of <paramref name="kind"/> (named after its plural, as every CRD file is).</summary>
    private static JsonNode? LoadSchema(string kind)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"crds/{kind.ToLowerInvariant()}s.netra.io.yaml");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
        var crd = JsonNode.Parse(JsonSerializer.Serialize(deserializer.Deserialize<object>(reader)))!;
        return (string?)crd["spec"]?["names"]?["kind"] == kind ? crd["spec"]?["versions"]?[0]?["schema"]?["openAPIV3Schema"]?.DeepClone() : null;
    }
}
