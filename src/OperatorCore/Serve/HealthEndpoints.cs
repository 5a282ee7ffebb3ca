using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Prometheus;

namespace Netra.Operator.Core.Serve;

/// <summary>
/// <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> on <see cref="HttpListener"/>: three GETs
/// need no web framework, and leaving Kestrel and its hosting out keeps the operator about 20 MiB
/// smaller (bench/Netra.Operator.Bench).
/// </summary>
public sealed class HealthEndpoints : IAsyncDisposable
{
    private const string PrometheusTextFormat = "text/plain; version=0.0.4; charset=utf-8";

    private readonly HttpListener _listener;
    private readonly CollectorRegistry _registry;
    private readonly Func<bool> _ready;
    private readonly Task _serving;

    private HealthEndpoints(HttpListener listener, Uri address, CollectorRegistry registry, Func<bool> ready)
    {
        _listener = listener;
        _registry = registry;
        _ready = ready;
        Address = address;
        _serving = ServeAsync();
    }

    /// <summary>Where it answers; with port 0 asked for, the free port it found.</summary>
    public Uri Address { get; }

    /// <param name="url">Such as <c>http://0.0.0.0:8080</c> (every address) or <c>http://127.0.0.1:0</c> (a free port).</param>
    public static HealthEndpoints Start(string url, CollectorRegistry registry, Func<bool> ready)
    {
        var requested = new Uri(url);
        var host = requested.Host is "0.0.0.0" or "[::]" ? "+" : requested.Host;
        var port = requested.Port == 0 ? FreePort(requested.Host) : requested.Port;
        var listener = new HttpListener();
        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/"));
        listener.Start();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{(host == "+" ? "127.0.0.1" : host)}:{port}"));
        return new HealthEndpoints(listener, address, registry, ready);
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: Stop then Close would unregister the prefix twice, and the second time the managed
        // HttpListener binds the port again to find it, failing when another socket took it meanwhile.
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod != "GET")
            {
                await WriteTextAsync(response, HttpStatusCode.MethodNotAllowed, "GET only");
                return;
            }

            switch (context.Request.Url?.AbsolutePath)
            {
                case "/healthz":
                    await WriteTextAsync(response, HttpStatusCode.OK, "ok");
                    break;
                case "/readyz":
                    await (_ready()
                        ? WriteTextAsync(response, HttpStatusCode.OK, "ok")
                        : WriteTextAsync(response, HttpStatusCode.ServiceUnavailable, "not running"));
                    break;
                case "/metrics":
                    response.ContentType = PrometheusTextFormat;
                    await _registry.CollectAndExportAsTextAsync(response.OutputStream);
                    break;
                default:
                    await WriteTextAsync(response, HttpStatusCode.NotFound, "not found");
                    break;
            }
        }
        catch (Exception error) when (error is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The scraper went away; nothing to answer.
        }
        finally
        {
            response.Close();
        }
    }

    private static async Task WriteTextAsync(HttpListenerResponse response, HttpStatusCode status, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = (int)status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    /// <summary>HttpListener cannot listen on port 0; a port the system just handed out is free (tests and benches ask for one).</summary>
    private static int FreePort(string host)
    {
        using var probe = new TcpListener(IPAddress.TryParse(host, out var address) ? address : IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
