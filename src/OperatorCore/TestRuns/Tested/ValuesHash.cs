using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Netra.Operator.Core.TestRuns.Tested;

/// <summary>
/// <c>sha256:&lt;hex&gt;</c> over the three charts' values as the operator hands them to helm (the values ConfigMap), in
/// a canonical form: each chart's file name and its JSON with every object's keys in ordinal order, so the same values
/// always hash the same whatever order they were written in.
/// </summary>
public static class ValuesHash
{
    public static string Of(V1ConfigMap values)
    {
        var canonical = new StringBuilder();
        foreach (var (file, json) in values.Data.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            canonical.Append(file).Append('\n').Append(Canonical(JsonNode.Parse(json))?.ToJsonString() ?? "null").Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject item => new JsonObject(item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray items => new JsonArray([.. items.Select(Canonical)]),
        _ => node?.DeepClone(),
    };
}
