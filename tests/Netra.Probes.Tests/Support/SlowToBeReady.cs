using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netra.Probes.Tests.Support;

/// <summary>
/// A service still starting: answers <c>GET /readyz</c> with 503 the first <c>notReadyFor</c> times it is asked,
/// then with 200 (never, with <see cref="int.MaxValue"/>). Counts the times it was asked.
/// </summary>
public sealed class SlowToBeReady : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _notReadyFor;
    private int _asked;

    public SlowToBeReady(int notReadyFor)
    {
        _notReadyFor = notReadyFor;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Asked => Volatile.Read(ref _asked);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                _ = AnswerAsync(socket);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>One answer per connection, then the connection closes.</summary>
    private async Task AnswerAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                var buffer = new byte[8192];
                if (await socket.ReceiveAsync(buffer, _stop.Token) == 0)
                {
                    return;
                }

                var ready = Interlocked.Increment(ref _asked) > _notReadyFor;
                var answer = ready
                    ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    : "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 8\r\nConnection: close\r\n\r\nstarting";
                await socket.SendAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
