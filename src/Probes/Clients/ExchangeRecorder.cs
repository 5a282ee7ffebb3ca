using Netra.Probes.Evidence;

namespace Netra.Probes.Clients;

/// <summary>
/// Writes each request and its answer to the transcript of the case that sent it (<see cref="CaseTranscript.Current"/>):
/// <c>-&gt; POST http://auth:8081/v1/auth/refresh {...}</c>, then <c>&lt;- 401 {...}</c> (status and body) or why none came.
/// Never a header. An event stream's body is the case's to read as it comes (the agent client records its events).
/// </summary>
public sealed class ExchangeRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CaseTranscript.Current is not { } transcript)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var sent = request.Content is null ? string.Empty : " " + await request.Content.ReadAsStringAsync(cancellationToken);
        transcript.Add($"-> {request.Method} {request.RequestUri}{sent}");
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            transcript.Add($"<- no answer: {error.Message}");
            throw;
        }

        transcript.Add(await AnswerAsync(response, cancellationToken));
        return response;
    }

    private static async Task<string> AnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return $"<- {status} text/event-stream";
        }

        // Read once here; the caller reads the same buffered body.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return $"<- {status} {await response.Content.ReadAsStringAsync(cancellationToken)}".TrimEnd();
    }
}
