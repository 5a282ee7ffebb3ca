using System.Text.Json;

namespace Netra.Agent.Tests.Support;

/// <summary>Reads <c>text/event-stream</c> frames (<c>id</c>, <c>event</c>, one <c>data</c> line) off a response body.</summary>
public sealed class EventStreamReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<AgentEvent?> NextAsync(CancellationToken cancellationToken = default)
    {
        int? id = null;
        string? name = null;
        string? data = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    Assert.NotNull(id);
                    Assert.NotNull(name);
                    return new AgentEvent(id.Value, name, JsonDocument.Parse(data).RootElement.Clone());
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = line[..colon];
            var value = line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    Assert.Null(data); // one JSON object on one data line
                    data = value;
                    break;
                default:
                    Assert.Fail($"Unexpected SSE field '{field}'.");
                    break;
            }
        }

        Assert.Null(data); // a frame cut short
        return null;
    }

    public async Task<List<AgentEvent>> ReadToEndAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<AgentEvent>();
        while (await NextAsync(cancellationToken) is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    public void Dispose() => _reader.Dispose();
}
