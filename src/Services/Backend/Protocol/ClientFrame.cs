using System.Text.Json;

namespace Netra.Backend.Protocol;

/// <summary>One client -> server envelope: <c>{type, payload, id}</c>.</summary>
public sealed record ClientFrame(string Type, PayloadReader Payload, string? Id)
{
    /// <summary>Parses one text frame; anything that is not an envelope throws <see cref="InvalidMessageException"/>.</summary>
    public static ClientFrame Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidMessageException("frame is not valid JSON");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidMessageException("frame must be a JSON object");
        }

        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(type.GetString()))
        {
            throw new InvalidMessageException("type is required");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            id = idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : throw new InvalidMessageException("id must be a string");
        }

        var payload = root.TryGetProperty("payload", out var payloadElement) ? payloadElement : default;
        if (payload.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new InvalidMessageException("payload must be an object");
        }

        return new ClientFrame(type.GetString()!, new PayloadReader(payload), id);
    }
}
