using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Netra.Backend.Auth;

namespace Netra.Backend.AgentRuns;

/// <summary>Starts and cancels runs on the agent service with the backend's service token.</summary>
public sealed class AgentClient(IHttpClientFactory httpClients, ServiceTokenProvider serviceTokens)
{
    /// <summary>Starts the run and yields its events as the agent streams them.</summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(
        string runId, string userId, string threadId, string input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = new { run_id = runId, user_id = userId, thread_id = threadId, input };
        using var response = await SendAuthorizedAsync(
            HttpMethod.Post,
            "v1/runs",
            body,
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"agent refused the run with status {(int)response.StatusCode}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var agentEvent in ServerSentEventReader.ReadAsync(stream, cancellationToken))
        {
            yield return agentEvent;
        }
    }

    /// <summary>Asks the agent to cancel the run; true when it accepted.</summary>
    public async Task<bool> CancelAsync(string runId, CancellationToken cancellationToken)
    {
        using var response = await SendAuthorizedAsync(
            HttpMethod.Post,
            $"v1/runs/{Uri.EscapeDataString(runId)}/cancel",
            null,
            HttpCompletionOption.ResponseContentRead,
            cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Sends with the cached service token, fetching a new one once if the agent refuses it.</summary>
    private async Task<HttpResponseMessage> SendAuthorizedAsync(
        HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientNames.Agent);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await serviceTokens.GetAsync(cancellationToken));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            var response = await client.SendAsync(request, completion, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt == 2)
            {
                return response;
            }

            response.Dispose();
            serviceTokens.Invalidate();
        }
    }
}
