using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Netra.Probes.Clients;

namespace Netra.Probes.Running;

/// <summary>
/// Before any case: each service's <c>GET /readyz</c>, the three at once. A service that is down, hangs or says
/// it is not ready is asked again (each request under <see cref="RequestDeadline"/>, a pause between) until the
/// preflight's budget is spent: a busy node or a Service whose pods are still starting is not a service down.
/// One still not ready then ends the run with a reason that names it, what was seen last and how long it was
/// waited for, instead of dozens of cases failing one by one with no single cause.
/// </summary>
public static class Preflight
{
    /// <summary>How long the preflight waits, in all, for every service to be ready.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(60);

    /// <summary>The deadline of one <c>GET /readyz</c>.</summary>
    public static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(5);

    /// <summary>The pause before a service that was not ready is asked again.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>Null when every service is ready within <paramref name="budget"/>; otherwise why not, naming each service that is not.</summary>
    public static async Task<string?> CheckAsync(ProbeTargets targets, HttpClient http, TimeSpan budget, CancellationToken ct)
    {
        var problems = await Task.WhenAll(
            WaitReadyAsync("auth", targets.AuthUrl, http, budget, ct),
            WaitReadyAsync("backend", targets.BackendUrl, http, budget, ct),
            WaitReadyAsync("agent", targets.AgentUrl, http, budget, ct));
        var failed = problems.OfType<string>().ToList();
        return failed.Count == 0 ? null : $"preflight failed: {string.Join("; ", failed)}";
    }

    private static async Task<string?> WaitReadyAsync(string service, Uri baseUrl, HttpClient http, TimeSpan budget, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var problem = await AskAsync(service, baseUrl, http, Min(RequestDeadline, budget - clock.Elapsed), ct);
            if (problem is null)
            {
                return null;
            }

            // A pause that would end past the budget ends the wait; so does one that did (a busy machine wakes late).
            if (clock.Elapsed + Pause >= budget)
            {
                return Waited(problem, attempt, clock.Elapsed);
            }

            await Task.Delay(Pause, ct);
            if (clock.Elapsed >= budget)
            {
                return Waited(problem, attempt, clock.Elapsed);
            }
        }
    }

    private static string Waited(string problem, int attempts, TimeSpan waited) =>
        $"{problem} (asked {attempts} {(attempts == 1 ? "time" : "times")} over "
            + $"{waited.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)";

    /// <summary>The shorter of the two, never below zero: a deadline already past cancels at once.</summary>
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => TimeSpan.FromTicks(Math.Max(0, Math.Min(a.Ticks, b.Ticks)));

    private static async Task<string?> AskAsync(string service, Uri baseUrl, HttpClient http, TimeSpan deadline, CancellationToken ct)
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
