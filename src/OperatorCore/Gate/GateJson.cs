using System.Text.Json.Serialization;

namespace Netra.Operator.Core.Gate;

/// <summary>Why the gate did not give a verdict, in a body a person reads in Flagger's Events or Argo's AnalysisRun.</summary>
public sealed record GateProblem([property: JsonPropertyName("message")] string Message);

/// <summary>The gate's JSON, generated at compile time for the ahead-of-time compiled image.</summary>
[JsonSerializable(typeof(GateVerdict))]
[JsonSerializable(typeof(GateProblem))]
[JsonSerializable(typeof(FlaggerPayload))]
internal sealed partial class GateJson : JsonSerializerContext;
