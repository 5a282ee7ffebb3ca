using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netra.Backend.Protocol;

/// <summary>The serializer settings of every frame: snake_case, nulls left out, text as UTF-8.</summary>
public static class ProtocolJson
{
    /// <summary>
    /// Frames are JSON read by clients, never embedded in HTML: non-ASCII text is written as UTF-8 rather than
    /// as six-byte <c>\uXXXX</c> escapes, which would triple the size of non-Latin text.
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = Encoder,
    };

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };
}
