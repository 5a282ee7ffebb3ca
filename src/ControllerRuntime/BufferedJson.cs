using System.Text.Json;

namespace Netra.ControllerRuntime;

/// <summary>Reading within a converter, which the serializer hands its whole value, buffered, even from a stream.</summary>
public static class BufferedJson
{
    /// <summary>Skips the current value: <see cref="Utf8JsonReader.Skip"/> refuses a reader over part of a stream.</summary>
    public static void SkipValue(this ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("a value ends before it is complete");
        }
    }
}
