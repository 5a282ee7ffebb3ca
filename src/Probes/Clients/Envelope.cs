using System.Text.Json;

namespace Netra.Probes.Clients;

/// <summary>One WebSocket frame as the contract shapes it: <c>{type, payload, id, seq, ts}</c>.</summary>
public sealed record Envelope(string Type, JsonElement Payload, string? Id, long? Seq, string? Ts, string Raw)
{
    public static Envelope Parse(string raw)
    {
        var root = ProbeJson.Parse(raw);
        return new Envelope(
            root.Text("type") ?? string.Empty,
            root.TryGetProperty("payload", out var payload) ? payload : default,
            root.Text("id"),
            root.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var number) ? number : null,
            root.Text("ts"),
            raw);
    }

    public override string ToString() => AuthClient.Brief(Raw);
}
