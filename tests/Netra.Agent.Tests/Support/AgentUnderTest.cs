using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Netra.Testing;

namespace Netra.Agent.Tests.Support;

/// <summary>An agent service started in process against the shared auth service, and an HTTP client holding a backend service token.</summary>
public sealed class AgentUnderTest : IAsyncDisposable
{
    private readonly InProcessService _service;

    private AgentUnderTest(InProcessService service, AuthServiceFixture auth, string token)
    {
        _service = service;
        Auth = auth;
        Token = token;
        Http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public AuthServiceFixture Auth { get; }

    /// <summary>The <c>netra-backend</c> service token every request carries unless told otherwise.</summary>
    public string Token { get; }

    public HttpClient Http { get; }

    public Uri Address => _service.Address;

    public static async Task<AgentUnderTest> StartAsync(AuthServiceFixture auth, params string[] args)
    {
        var service = await InProcessService.StartAsync(AgentApp.Create, [$"--Services:AuthUrl={auth.Address}", .. args]);
        return new AgentUnderTest(service, auth, await auth.ServiceTokenAsync());
    }

    /// <summary>Starts a run and returns as soon as the response headers are in (the body is the live stream).</summary>
    public async Task<HttpResponseMessage> PostRunAsync(object body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Runs to the end and returns every event, checking the response is a 200 event stream.</summary>
    public async Task<List<AgentEvent>> RunAsync(object body, string? token = null)
    {
        using var response = await PostRunAsync(body, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        return await reader.ReadToEndAsync();
    }

    public Task<HttpResponseMessage> GetRunAsync(string runId, string? query = null, string? token = null) =>
        SendAsync(HttpMethod.Get, $"/v1/runs/{runId}{query}", token);

    public Task<HttpResponseMessage> CancelAsync(string runId, string? query = null, string? token = null) =>
        SendAsync(HttpMethod.Post, $"/v1/runs/{runId}/cancel{query}", token);

    public async Task<string?> RunStatusAsync(string runId)
    {
        using var response = await GetRunAsync(runId);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()
            : null;
    }

    /// <summary>The value of one sample of <c>/metrics</c>, e.g. <c>netra_agent_llm_circuit_state</c>.</summary>
    public async Task<double?> MetricAsync(string sample)
    {
        var text = await Http.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(line => line.StartsWith(sample + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _service.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }
}
