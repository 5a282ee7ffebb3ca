using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netra.Backend.Protocol;

/// <summary>The serializer settings of every frame: snake_case, nulls left out.</summary>
public static class ProtocolJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
