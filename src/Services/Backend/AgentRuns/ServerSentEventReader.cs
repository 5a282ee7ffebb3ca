using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Netra.Backend.AgentRuns;

/// <summary>Reads the agent's <c>text/event-stream</c> one event at a time, as the events arrive.</summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<AgentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? eventType = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 && Parse(eventType, data.ToString()) is { } parsed)
                {
                    yield return parsed;
                }

                eventType = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(line.AsSpan("data:".Length).TrimStart(' '));
            }
        }
    }

    /// <summary>The event of one <c>data</c> block; the envelope's <c>type</c> wins over the <c>event:</c> line.</summary>
    public static AgentEvent? Parse(string? eventType, string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var type = root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
                ? typeElement.GetString()
                : eventType;
            var payload = root.TryGetProperty("payload", out var payloadElement) && payloadElement.ValueKind == JsonValueKind.Object
                ? payloadElement.Clone()
                : JsonDocument.Parse("{}").RootElement.Clone();
            return string.IsNullOrEmpty(type) ? null : new AgentEvent(type, payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
