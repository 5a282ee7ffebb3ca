using System.Text.Json.Serialization;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// What Flagger POSTs to a webhook (its <c>CanaryWebhookPayload</c>): the canary, its phase, the checksum of the
/// canary's configuration, and the webhook's <c>metadata</c> from the Canary.
/// </summary>
public sealed record FlaggerPayload
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary>The canary's phase, e.g. Progressing; only shown, the hook type is in the URL.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    /// <summary>Identifies the canary's configuration: one TestRun per canary and checksum.</summary>
    [JsonPropertyName("checksum")]
    public string? Checksum { get; init; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, string>? Metadata { get; init; }
}
