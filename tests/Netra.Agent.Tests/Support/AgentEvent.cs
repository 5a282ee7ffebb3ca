using System.Text.Json;

namespace Netra.Agent.Tests.Support;

/// <summary>One server-sent event of a run: its <c>id</c>, its <c>event</c> name and its <c>data</c> envelope.</summary>
public sealed record AgentEvent(int Id, string Name, JsonElement Data)
{
    public string Type => Data.GetProperty("type").GetString()!;

    public JsonElement Payload => Data.GetProperty("payload");

    public string Text(string field) => Payload.GetProperty(field).GetString()!;

    public bool Has(string field) => Payload.TryGetProperty(field, out _);
}
