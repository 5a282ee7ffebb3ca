using Microsoft.Extensions.Options;
using Prometheus;

namespace Netra.Backend.WebSockets;

/// <summary>The open connections: the per-user cap, and what the metrics and tests observe of send queues.</summary>
public sealed class ConnectionRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly int _maxPerUser;
    private readonly Gauge _connections;
    private readonly Counter _slowConsumerCloses;
    private int _open;
    private long _slowConsumerClosures;
    private int _queueHighWater;
    private long _queuedBytesHighWater;

    public ConnectionRegistry(IOptions<BackendOptions> options, IMetricFactory metrics)
    {
        _maxPerUser = options.Value.MaxConnectionsPerUser;
        _connections = metrics.CreateGauge("netra_backend_connections", "Open WebSocket connections.");
        _slowConsumerCloses = metrics.CreateCounter(
            "netra_backend_slow_consumer_closes_total",
            "Connections closed because their send queue was full.");
    }

    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Connections closed because the client stopped reading.</summary>
    public long SlowConsumerClosures => Interlocked.Read(ref _slowConsumerClosures);

    /// <summary>The deepest any send queue has been.</summary>
    public int QueueHighWater => Volatile.Read(ref _queueHighWater);

    /// <summary>The most bytes any send queue has held.</summary>
    public long QueuedBytesHighWater => Interlocked.Read(ref _queuedBytesHighWater);

    /// <summary>Takes one of the user's connection slots; false when the user is at the cap.</summary>
    public bool TryReserve(string userId)
    {
        lock (_gate)
        {
            var count = _perUser.GetValueOrDefault(userId);
            if (count >= _maxPerUser)
            {
                return false;
            }

            _perUser[userId] = count + 1;
            return true;
        }
    }

    public void Release(string userId)
    {
        lock (_gate)
        {
            var count = _perUser.GetValueOrDefault(userId) - 1;
            if (count <= 0)
            {
                _perUser.Remove(userId);
            }
            else
            {
                _perUser[userId] = count;
            }
        }
    }

    public int ConnectionsOf(string userId)
    {
        lock (_gate)
        {
            return _perUser.GetValueOrDefault(userId);
        }
    }

    public void Opened() => _connections.Set(Interlocked.Increment(ref _open));

    public void Closed() => _connections.Set(Interlocked.Decrement(ref _open));

    public void ObserveQueueDepth(int depth, long bytes)
    {
        RaiseTo(ref _queueHighWater, depth);
        RaiseTo(ref _queuedBytesHighWater, bytes);
    }

    private static void RaiseTo<T>(ref T highWater, T value)
        where T : struct, IComparable<T>
    {
        var current = highWater;
        while (value.CompareTo(current) > 0)
        {
            var seen = Interlocked.CompareExchange(ref highWater, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public void SlowConsumerClosed()
    {
        Interlocked.Increment(ref _slowConsumerClosures);
        _slowConsumerCloses.Inc();
    }
}
