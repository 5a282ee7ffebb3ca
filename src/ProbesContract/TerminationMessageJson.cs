using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netra.Probes.Contract;

/// <summary>
/// The termination message's JSON, generated at compile time (the operator's image is compiled
/// ahead of time): snake_case, nulls left out, outcomes as snake_case strings, as the probes'
/// reports write them.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseOutcomeConverter)])]
[JsonSerializable(typeof(TerminationMessage.Summary))]
internal sealed partial class TerminationMessageJson : JsonSerializerContext;

/// <summary>A case's outcome as a snake_case string (<c>passed</c>, <c>error</c>), in every report's JSON.</summary>
public sealed class SnakeCaseOutcomeConverter() : JsonStringEnumConverter<CaseOutcome>(JsonNamingPolicy.SnakeCaseLower);
