using System.Text.Json;

namespace Netra.Backend.Protocol;

/// <summary>Typed access to the fields of a client payload; a missing or mistyped field is an invalid message.</summary>
public readonly struct PayloadReader(JsonElement payload)
{
    public string RequiredString(string name)
    {
        var value = OptionalString(name);
        return string.IsNullOrEmpty(value) ? throw new InvalidMessageException($"payload.{name} is required") : value;
    }

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new InvalidMessageException($"payload.{name} must be a string");
    }

    public long RequiredInteger(string name) =>
        OptionalInteger(name) ?? throw new InvalidMessageException($"payload.{name} is required");

    public long? OptionalInteger(string name)
    {
        if (!TryGet(name, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value)
            ? value
            : throw new InvalidMessageException($"payload.{name} must be an integer");
    }

    private bool TryGet(string name, out JsonElement element)
    {
        element = default;
        return payload.ValueKind == JsonValueKind.Object
            && payload.TryGetProperty(name, out element)
            && element.ValueKind != JsonValueKind.Null;
    }
}
