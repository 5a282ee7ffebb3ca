using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Netra.Charts;

/// <summary>
/// YAML as JSON nodes, typed the way helm reads values: plain scalars become booleans, numbers or
/// null, quoted ones stay strings; and back to YAML for <c>toYaml</c>.
/// </summary>
public static class YamlNodes
{
    public static IReadOnlyList<JsonNode?> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(document => ToJson(document.RootNode))];
    }

    public static JsonNode? Load(string text) =>
        LoadAll(text) is [var single] ? single : throw new InvalidOperationException("expected one YAML document");

    public static string ToYaml(JsonNode? node) =>
        new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(ToPlain(node)).TrimEnd('\n', '\r');

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            // Helm reads every number as a float64.
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject map => new SortedDictionary<string, object?>(
            map.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Value)), StringComparer.Ordinal),
        JsonArray list => list.Select(ToPlain).ToList(),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value => value.GetValue<double>(),
        _ => null,
    };
}
