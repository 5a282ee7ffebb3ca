using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netra.Probes.Tests.Support;

/// <summary>
/// An endpoint that accepts connections and never answers: a hung service. Told to, it answers
/// <c>GET /readyz</c> (and only that) with 200: a service that passes the preflight and hangs afterwards.
/// </summary>
public sealed class HangingListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _answersReadiness;

    public HangingListener(bool answersReadiness = false)
    {
        _answersReadiness = answersReadiness;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }

                if (_answersReadiness)
                {
                    _ = AnswerReadinessAsync(socket);
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Answers requests for /readyz on this connection until one for anything else comes, which is never answered.</summary>
    private async Task AnswerReadinessAsync(Socket socket)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, _stop.Token);
                if (read == 0 || !Encoding.ASCII.GetString(buffer, 0, read).StartsWith("GET /readyz ", StringComparison.Ordinal))
                {
                    return;
                }

                await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), _stop.Token);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
