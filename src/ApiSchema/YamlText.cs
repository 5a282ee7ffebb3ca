using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Netra.Operator.ApiSchema;

/// <summary>
/// A JSON tree as YAML for people: block style, short lists of scalars and empty maps in flow style, every string
/// that a YAML 1.1 reader (kubectl's) would take for something else quoted.
/// </summary>
public static partial class YamlText
{
    private const int FlowWidth = 100;

    public static string Of(JsonNode node, string headerComment)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        foreach (var line in headerComment.TrimEnd().Split('\n'))
        {
            writer.WriteLine($"# {line}".TrimEnd());
        }

        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, true, true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                var style = map.Count == 0 ? MappingStyle.Flow : MappingStyle.Block;
                emitter.Emit(new MappingStart(null, null, true, style));
                foreach (var (key, value) in map)
                {
                    emitter.Emit(new Scalar(key));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray list:
                var flow = list.All(item => item is JsonValue) && list.ToJsonString().Length <= FlowWidth;
                emitter.Emit(new SequenceStart(null, null, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in list)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                emitter.Emit(new Scalar(null, null, text, ReadAsOtherThanText(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));
                break;
            case JsonValue value:
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static bool ReadAsOtherThanText(string text) => text.Length == 0 || Ambiguous().IsMatch(text);

    /// <summary>Booleans, nulls and numbers as YAML 1.1 and 1.2 read them.</summary>
    [GeneratedRegex(
        @"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Ambiguous();
}
