using System.Text.Json;
using System.Text.Json.Serialization;
using Netra.Probes.Contract;

namespace Netra.Probes.Report;

/// <summary>
/// The report's JSON, generated at build time (no reflection: the ahead-of-time compiled operator reads and writes it), with
/// the termination message's options (<see cref="TerminationMessage"/>): snake_case, nulls left out, snake_case outcomes.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseOutcomeConverter)])]
[JsonSerializable(typeof(JsonReport.Document))]
internal sealed partial class ReportJson : JsonSerializerContext;
