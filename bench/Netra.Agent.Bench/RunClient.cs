using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Netra.Agent.Bench;

/// <summary>Starts one run over HTTP and times its event stream.</summary>
public sealed class RunClient : IDisposable
{
    private readonly HttpClient _http;

    public RunClient(Uri agentUrl, string token)
    {
        _http = new HttpClient { BaseAddress = agentUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public static async Task<string> ServiceTokenAsync(Uri authUrl)
    {
        using var http = new HttpClient { BaseAddress = authUrl };
        using var response = await http.PostAsJsonAsync("/v1/auth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "netra-backend",
            ["client_secret"] = "netra-backend-dev-secret",
            ["audience"] = "netra-agent",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>Time to the first event and to the end of the stream; null when the run did not end with a final report.</summary>
    public async Task<(TimeSpan FirstEvent, TimeSpan WholeRun)?> RunAsync(int index)
    {
        var clock = Stopwatch.StartNew();
        var body = new Dictionary<string, string>
        {
            ["user_id"] = $"bench-user-{index % 10}",
            ["thread_id"] = $"bench-thread-{index}",
            ["input"] = "Show the availability and latency of auth and backend",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs") { Content = JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? firstEvent = null;
        string? lastType = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                firstEvent ??= clock.Elapsed;
                lastType = line["event: ".Length..];
            }
        }

        return lastType == "final_report" && firstEvent is { } first ? (first, clock.Elapsed) : null;
    }

    public void Dispose() => _http.Dispose();
}
