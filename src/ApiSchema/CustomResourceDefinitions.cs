using System.Text.Json.Nodes;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.ApiSchema;

/// <summary>The CustomResourceDefinition of a custom resource, its schema written from the C# type.</summary>
public static class CustomResourceDefinitions
{
    public static JsonObject Of(CustomResource resource, JsonObject schema) => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = resource.Name },
        ["spec"] = new JsonObject
        {
            ["group"] = TestRun.Group,
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject
            {
                ["kind"] = resource.Kind,
                ["listKind"] = resource.Kind + "List",
                ["plural"] = resource.Plural,
                ["singular"] = resource.Kind.ToLowerInvariant(),
                ["shortNames"] = Strings(resource.ShortNames),
                ["categories"] = Strings(resource.Categories),
            },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = TestRun.Version,
                ["served"] = true,
                ["storage"] = true,
                ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                ["additionalPrinterColumns"] = new JsonArray([.. resource.PrinterColumns.Select(Column)]),
                ["schema"] = new JsonObject { ["openAPIV3Schema"] = schema },
            }),
        },
    };

    public static JsonObject SchemaOf(JsonObject definition) =>
        definition["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    private static JsonObject Column(PrinterColumn column)
    {
        var node = new JsonObject { ["name"] = column.Name, ["type"] = column.Type, ["jsonPath"] = column.JsonPath };
        if (column.Description is not null)
        {
            node["description"] = column.Description;
        }

        return node;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);
}
