using System.Collections.Concurrent;
using System.Globalization;

namespace Netra.Probes.Clients;

/// <summary>
/// The probes' HTTP handler. A request whose response has not begun within <see cref="RequestTimeout"/>
/// fails, and its service is not asked again in this run: every later request to it fails at once with
/// the same cause, so a service that accepts connections and never answers costs one wait, not one per case.
/// </summary>
public sealed class UnansweredRequestGuard() : DelegatingHandler(new SocketsHttpHandler { ConnectTimeout = RequestTimeout })
{
    /// <summary>Until the response headers; a stream (the agent's events) may last longer once it has begun.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, string> _unanswered = new(StringComparer.Ordinal);

    /// <summary>
    /// An HTTP client for one run, with no timeout of its own: this guard and each case's deadline bound its requests. Each
    /// exchange goes to its case's evidence (<see cref="ExchangeRecorder"/>), and the pod each answer names to its scenario's
    /// (<see cref="PodRecorder"/>).
    /// </summary>
    public static HttpClient CreateClient() =>
        new(new ExchangeRecorder(new PodRecorder(new UnansweredRequestGuard()))) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var service = request.RequestUri!.GetLeftPart(UriPartial.Authority);
        if (_unanswered.TryGetValue(service, out var cause))
        {
            throw new HttpRequestException(cause);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(RequestTimeout);
        try
        {
            return await base.SendAsync(request, timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            cause = _unanswered.GetOrAdd(
                service,
                $"{service} did not answer {request.Method} {request.RequestUri.AbsolutePath} within "
                + $"{RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s; not asked again in this run");
            throw new HttpRequestException(cause);
        }
    }
}
