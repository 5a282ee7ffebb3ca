using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Netra.Probes.Evidence;

namespace Netra.Probes.Clients;

/// <summary>One lifecycle event of the agent's stream: the SSE <c>event</c> name and its JSON envelope.</summary>
public sealed record AgentEvent(string Type, JsonElement Payload, string Raw);

/// <summary>The agent service's run API as the probes use it, with a service token.</summary>
public sealed class AgentClient(HttpClient http, Uri baseUrl)
{
    /// <summary>Starts a run; the response streams its events (read them with <see cref="ReadEventsAsync"/>).</summary>
    public async Task<HttpResponseMessage> StartRunAsync(string? serviceToken, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "v1/runs"))
        {
            Content = JsonContent.Create(body, options: ProbeJson.Options),
        };
        if (serviceToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <summary>Runs to the end and returns every event, in order.</summary>
    public async Task<IReadOnlyList<AgentEvent>> RunToEndAsync(string serviceToken, object body, CancellationToken ct)
    {
        using var response = await StartRunAsync(serviceToken, body, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new Running.ProbeFailedException($"expected the run to start (200), got {(int)response.StatusCode} {AuthClient.Brief(text)}");
        }

        var events = new List<AgentEvent>();
        await foreach (var e in ReadEventsAsync(response, ct))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Reads <c>text/event-stream</c>: each event's <c>data:</c> line holds its JSON envelope; each goes to the case's evidence.</summary>
    public static async IAsyncEnumerable<AgentEvent> ReadEventsAsync(
        HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    CaseTranscript.Current?.Add($"<- event {name} {data}");
                    var envelope = ProbeJson.Parse(data);
                    yield return new AgentEvent(
                        name ?? envelope.Text("type") ?? string.Empty,
                        envelope.TryGetProperty("payload", out var payload) ? payload : default,
                        data);
                }

                (name, data) = (null, null);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line["data:".Length..].Trim();
            }
        }
    }

    public async Task<HttpStatusCode> CancelAsync(string serviceToken, string runId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"v1/runs/{Uri.EscapeDataString(runId)}/cancel"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }
}
