using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Netra.Operator.Core.TestRuns.Tested;

/// <summary>
/// <c>sha256:&lt;hex&gt;</c> over the three charts' values as the operator hands them to helm (the values ConfigMap), in
/// a canonical form: each chart's file name and its JSON with every object's keys in ordinal order, so the same values
/// always hash the same whatever order they were written in, and the run's own namespace (in the services' addresses
/// of one another) written as <see cref="NamespacePlaceholder"/>, so that two runs of the same values hash the same.
/// </summary>
public static class ValuesHash
{
    public const string NamespacePlaceholder = "$(NAMESPACE)";

    public static string Of(V1ConfigMap values)
    {
        var ns = values.Metadata?.NamespaceProperty;
        var canonical = new StringBuilder();
        foreach (var (file, json) in values.Data.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            canonical.Append(file).Append('\n').Append(Canonical(JsonNode.Parse(json), ns)?.ToJsonString() ?? "null").Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static JsonNode? Canonical(JsonNode? node, string? ns) => node switch
    {
        JsonObject item => new JsonObject(
            item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value, ns)))),
        JsonArray items => new JsonArray([.. items.Select(item => Canonical(item, ns))]),
        JsonValue value when ns is { Length: > 0 } && value.TryGetValue<string>(out var text) =>
            JsonValue.Create(text.Replace(ns, NamespacePlaceholder, StringComparison.Ordinal)),
        _ => node?.DeepClone(),
    };
}
