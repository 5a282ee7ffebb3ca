using System.Globalization;
using System.Net.Sockets;
using Netra.Probes.Clients;

namespace Netra.Probes.Running;

/// <summary>
/// Before any case: each service's <c>GET /readyz</c>, at once, under a short deadline. A service that is
/// down, hangs or says it is not ready ends the run there, with a reason that names it and what was seen,
/// instead of dozens of cases failing one by one with no single cause.
/// </summary>
public static class Preflight
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Null when every service is ready; otherwise why not, naming each service that is not.</summary>
    public static async Task<string?> CheckAsync(ProbeTargets targets, HttpClient http, TimeSpan deadline, CancellationToken ct)
    {
        var problems = await Task.WhenAll(
            CheckAsync("auth", targets.AuthUrl, http, deadline, ct),
            CheckAsync("backend", targets.BackendUrl, http, deadline, ct),
            CheckAsync("agent", targets.AgentUrl, http, deadline, ct));
        var failed = problems.OfType<string>().ToList();
        return failed.Count == 0 ? null : $"preflight failed: {string.Join("; ", failed)}";
    }

    private static async Task<string?> CheckAsync(string service, Uri baseUrl, HttpClient http, TimeSpan deadline, CancellationToken ct)
    {
        var url = new Uri(baseUrl, "readyz");
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(deadline);
        try
        {
            using var response = await http.GetAsync(url, timer.Token);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(timer.Token);
            var answer = $"{(int)response.StatusCode} {AuthClient.Brief(body.ReplaceLineEndings(" "))}".TrimEnd();
            return $"{service} is not ready: GET {url} answered {answer}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var seconds = deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return $"{service} did not answer: GET {url} timed out after {seconds} s";
        }
        catch (HttpRequestException error)
        {
            return $"{service} is unreachable: GET {url} failed: {Cause(error)}";
        }
    }

    private static string Cause(HttpRequestException error) => error.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException socket => socket.Message,
        _ => error.Message,
    };
}
