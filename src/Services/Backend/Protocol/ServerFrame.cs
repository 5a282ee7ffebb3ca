using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Netra.Backend.Protocol;

/// <summary>Writes one server -> client envelope: <c>{type, payload, id?, seq, ts}</c>.</summary>
public static class ServerFrame
{
    public static byte[] Serialize(string type, object payload, string? id, long seq, DateTimeOffset timestamp)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("payload");
            if (payload is JsonElement element)
            {
                element.WriteTo(writer);
            }
            else
            {
                JsonSerializer.Serialize(writer, payload, payload.GetType(), ProtocolJson.Options);
            }

            if (id is not null)
            {
                writer.WriteString("id", id);
            }

            writer.WriteNumber("seq", seq);
            writer.WriteString("ts", FormatTimestamp(timestamp));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 3339 UTC with microseconds, e.g. <c>2026-01-02T03:04:05.123456Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
