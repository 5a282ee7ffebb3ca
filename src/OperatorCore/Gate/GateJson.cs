using System.Text.Json.Serialization;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// Why the gate gave no verdict, as an RFC 9457 problem the way the services write theirs (docs/contract.md): a stable
/// <c>code</c>, also the last segment of <c>type</c>; the detail is for a person reading Flagger's Events or an AnalysisRun.
/// </summary>
public sealed record GateProblem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("code")] string Code)
{
    public const string ContentType = "application/problem+json";

    public static GateProblem Of(int status, string detail)
    {
        var (code, title) = status switch
        {
            400 => ("invalid_request", "The request is not one the gate answers."),
            401 => ("unauthorized", "A valid Kubernetes token is required."),
            403 => ("forbidden", "The caller may not read this."),
            404 => ("not_found", "Nothing to judge."),
            413 => ("request_too_large", "The request body is too large."),
            _ => ("unavailable", "The gate cannot answer now."),
        };
        return new GateProblem($"https://netra.dev/problems/gate/{code}", title, status, detail, code);
    }
}

/// <summary>The gate's JSON, generated at compile time for the ahead-of-time compiled image.</summary>
[JsonSerializable(typeof(GateVerdict))]
[JsonSerializable(typeof(GateProblem))]
[JsonSerializable(typeof(FlaggerPayload))]
internal sealed partial class GateJson : JsonSerializerContext;
