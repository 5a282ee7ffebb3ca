using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Netra.ControllerRuntime;

/// <summary>One event of a watch: a change to an object, or the API server's error (its HTTP code and message).</summary>
public sealed record ObjectChange<T>(WatchEventType Type, T? Item, int ErrorCode = 0, string? ErrorMessage = null);

/// <summary>
/// Reads a watch event whose object is read straight into <typeparamref name="T"/> through <paramref name="objectType"/>,
/// or, for an ERROR, whose Status gives only its code and message.
/// </summary>
internal sealed class ObjectChangeConverter<T>(JsonTypeInfo<T> objectType) : JsonConverter<ObjectChange<T>>
{
    public override ObjectChange<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? type = null;
        var atObject = default(Utf8JsonReader);
        var hasObject = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "type")
            {
                type = reader.GetString();
            }
            else if (name == "object")
            {
                // The whole event is buffered for a converter: the object is read once its type is known, wherever it comes.
                atObject = reader;
                hasObject = true;
            }

            reader.SkipValue();
        }

        if (type is null || !hasObject)
        {
            throw new JsonException("a watch event without its type or object");
        }

        var kind = Enum.Parse<WatchEventType>(type, ignoreCase: true);
        if (kind != WatchEventType.Error)
        {
            return new ObjectChange<T>(kind, JsonSerializer.Deserialize(ref atObject, objectType));
        }

        using var status = JsonDocument.ParseValue(ref atObject);
        var root = status.RootElement;
        return new ObjectChange<T>(
            kind,
            default,
            root.TryGetProperty("code", out var code) && code.TryGetInt32(out var number) ? number : 0,
            root.TryGetProperty("message", out var message) ? message.GetString() : null);
    }

    public override void Write(Utf8JsonWriter writer, ObjectChange<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("watch events are only read");
}
