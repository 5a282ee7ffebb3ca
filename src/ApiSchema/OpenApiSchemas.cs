using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Netra.Operator.Core.Api.Schema;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// The OpenAPI v3 schema of an API type, as a CRD's <c>openAPIV3Schema</c>: System.Text.Json's exporter gives the
/// shape from the type's JSON contract; the summaries give the descriptions; the attributes on each property give
/// its validation, defaults and list types; <see cref="StructuralSchema"/> makes it what Kubernetes accepts.
/// </summary>
public sealed class OpenApiSchemas(XmlDocs docs)
{
    public JsonObject For(JsonTypeInfo type)
    {
        var exported = type.GetJsonSchemaAsNode(new JsonSchemaExporterOptions { TransformSchemaNode = Transform });
        return StructuralSchema.Of(exported);
    }

    private JsonObject Transform(JsonSchemaExporterContext context, JsonNode exported)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        var schema = KubernetesSchemas.For(type) ?? Shape(type, exported, context.TypeInfo);
        if (context.PropertyInfo?.AttributeProvider is MemberInfo property)
        {
            Describe(schema, docs.Of(property) ?? docs.Of(type));
            Constrain(schema, property);
        }
        else if (context.Path.IsEmpty)
        {
            Describe(schema, docs.Of(type));
        }

        return schema;
    }

    /// <summary>The exporter's node with one type (never a nullable one), formats Kubernetes knows, and required fields.</summary>
    private static JsonObject Shape(Type type, JsonNode exported, JsonTypeInfo info)
    {
        if (type == typeof(JsonObject))
        {
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        var schema = exported as JsonObject ?? [];
        if (schema["type"] is JsonArray types)
        {
            var named = types.Select(t => (string)t!).Where(t => t != "null").ToList();
            schema["type"] = named.Count == 1 ? named[0] : throw new InvalidOperationException($"{type}: more than one type.");
        }

        if (type == typeof(long))
        {
            schema["format"] = "int64";
        }
        else if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            schema["type"] = "string";
            schema["format"] = "date-time";
        }

        schema.Remove("required");
        var required = info.Properties
            .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) == true)
            .Select(p => JsonValue.Create(p.Name)).ToArray<JsonNode?>();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        return schema;
    }

    private static void Describe(JsonObject schema, string? description)
    {
        if (description is not null)
        {
            schema["description"] = description;
        }
    }

    private static void Constrain(JsonObject schema, MemberInfo property)
    {
        foreach (var attribute in property.GetCustomAttributes(inherit: false))
        {
            switch (attribute)
            {
                case RangeAttribute range:
                    Bound(schema, "minimum", range.Minimum, int.MinValue);
                    Bound(schema, "maximum", range.Maximum, int.MaxValue);
                    break;
                case StringLengthAttribute length:
                    Bound(schema, "minLength", length.MinimumLength, 0);
                    Bound(schema, "maxLength", length.MaximumLength, int.MaxValue);
                    break;
                case MinItemsAttribute items:
                    schema["minItems"] = items.Count;
                    break;
                case MaxItemsAttribute items:
                    schema["maxItems"] = items.Count;
                    break;
                case MaxItemLengthAttribute length:
                    schema["items"]!["maxLength"] = length.Length;
                    break;
                case MaxPropertiesAttribute properties:
                    schema["maxProperties"] = properties.Count;
                    break;
                case RegularExpressionAttribute expression:
                    schema["pattern"] = expression.Pattern;
                    break;
                case AllowedValuesAttribute allowed:
                    schema["enum"] = ToNode(allowed.Values);
                    break;
                case AllowedValuesOfAttribute allowed:
                    schema["enum"] = ToNode(ValueOf(allowed.Holder, allowed.Member));
                    break;
                case AllowedItemsAttribute allowed:
                    schema["items"]!["enum"] = ToNode(allowed.Holder is null ? allowed.Values : ValueOf(allowed.Holder, allowed.Member!));
                    break;
                case DefaultAttribute given:
                    schema["default"] = ToNode(given.Holder is null ? given.Value : ValueOf(given.Holder, given.Member!));
                    break;
                case DefaultEmptyAttribute:
                    schema["default"] = new JsonObject();
                    break;
                case ListSetAttribute:
                    schema["x-kubernetes-list-type"] = "set";
                    break;
                case ListMapAttribute map:
                    schema["x-kubernetes-list-type"] = "map";
                    schema["x-kubernetes-list-map-keys"] = ToNode(map.Keys);
                    break;
            }
        }
    }

    /// <summary>A bound at the limit of the type itself says nothing: <c>[Range(0, int.MaxValue)]</c> is "at least 0".</summary>
    private static void Bound(JsonObject schema, string keyword, object value, int limit)
    {
        if (!Equals(value, limit))
        {
            schema[keyword] = ToNode(value);
        }
    }

    private static object? ValueOf(Type holder, string member) =>
        holder.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
        ?? holder.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
        ?? throw new InvalidOperationException($"{holder.Name}.{member} is not a public static property or field with a value.");

    private static JsonNode? ToNode(object? value) => JsonSerializer.SerializeToNode(value, value?.GetType() ?? typeof(object));
}
