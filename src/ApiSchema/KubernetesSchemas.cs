using System.Text.Json.Nodes;
using k8s.Models;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// Kubernetes' own types the API uses, as the CRDs show them: only the fields a TestRun takes, described in the
/// project's words. Their C# types come from KubernetesClient, whose documentation is not ours.
/// </summary>
public static class KubernetesSchemas
{
    public static JsonObject? For(Type type) =>
        type == typeof(V1ObjectMeta) ? new JsonObject { ["type"] = "object" }
        : type == typeof(V1LabelSelector) ? LabelSelector()
        : type == typeof(V1ResourceRequirements) ? ResourceRequirements()
        : null;

    private static JsonObject LabelSelector() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["matchLabels"] = new JsonObject
            {
                ["description"] = "Labels a workload must have, with these values.",
                ["type"] = "object",
                ["maxProperties"] = 32,
                ["additionalProperties"] = new JsonObject { ["type"] = "string", ["maxLength"] = 63 },
            },
            ["matchExpressions"] = new JsonObject
            {
                ["description"] = "Further requirements, all of which must hold.",
                ["type"] = "array",
                ["maxItems"] = 16,
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("key", "operator"),
                    ["properties"] = new JsonObject
                    {
                        ["key"] = new JsonObject { ["description"] = "The label's name.", ["type"] = "string", ["maxLength"] = 317 },
                        ["operator"] = new JsonObject
                        {
                            ["description"] = "In, NotIn, Exists or DoesNotExist.",
                            ["type"] = "string",
                            ["enum"] = new JsonArray("In", "NotIn", "Exists", "DoesNotExist"),
                        },
                        ["values"] = new JsonObject
                        {
                            ["description"] = "The values for In and NotIn.",
                            ["type"] = "array",
                            ["maxItems"] = 64,
                            ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = 63 },
                        },
                    },
                },
            },
        },
    };

    private static JsonObject ResourceRequirements() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["limits"] = Quantities("Most a probe container may use, e.g. memory 256Mi."),
            ["requests"] = Quantities("What a probe container is scheduled with, e.g. cpu 100m."),
        },
    };

    /// <summary>A map of resource name to quantity (<c>256Mi</c>, <c>0.5</c>, <c>2</c>), as in a Pod.</summary>
    private static JsonObject Quantities(string description) => new()
    {
        ["description"] = description,
        ["type"] = "object",
        ["maxProperties"] = 8,
        ["additionalProperties"] = new JsonObject
        {
            ["x-kubernetes-int-or-string"] = true,
            ["maxLength"] = 64,
            ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        },
    };
}
