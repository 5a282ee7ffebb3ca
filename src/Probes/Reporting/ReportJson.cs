using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netra.Probes.Reporting;

/// <summary>The JSON conventions of every machine-readable output: snake_case, enums as snake_case strings.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
