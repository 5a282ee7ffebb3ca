namespace Netra.ControllerRuntime;

/// <summary>
/// A keyed work queue in the manner of client-go's: a key waits in the queue at most once; a key
/// being processed is never handed out again until <see cref="Done"/>, and if it was added meanwhile
/// it goes back in then. Delayed adds and per-key exponential backoff for failures.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _queued = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly HashSet<TKey> _dirty = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly ExponentialBackoff _backoff;

    public WorkQueue(TimeProvider time, ExponentialBackoff? backoff = null)
    {
        _time = time;
        _backoff = backoff ?? ExponentialBackoff.Default;
    }

    /// <summary>Keys waiting, not counting those being processed.</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested)
            {
                return;
            }

            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }

            if (_queued.Add(key))
            {
                _queue.Enqueue(key);
                _available.Release();
            }
        }
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed (at once for zero or less).</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        _ = AddLaterAsync(key, delay);
    }

    /// <summary>Adds the key after its backoff, which doubles with each failure until <see cref="Forget"/>.</summary>
    public TimeSpan AddRateLimited(TKey key)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        }

        var delay = _backoff.DelayAfter(failures);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>The key succeeded: its next failure starts the backoff afresh.</summary>
    public void Forget(TKey key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    public int Failures(TKey key)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Waits for the next key and marks it as being processed; call <see cref="Done"/> when finished with it.</summary>
    public async Task<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        while (true)
        {
            await _available.WaitAsync(linked.Token);
            lock (_gate)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _queued.Remove(key);
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    public void Done(TKey key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Remove(key) && !_shutdown.IsCancellationRequested && _queued.Add(key))
            {
                _queue.Enqueue(key);
                _available.Release();
            }
        }
    }

    /// <summary>Stops handing out keys; waiting takers are cancelled.</summary>
    public void ShutDown() => _shutdown.Cancel();

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
        _available.Dispose();
    }

    private async Task AddLaterAsync(TKey key, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _shutdown.Token);
            Add(key);
        }
        catch (OperationCanceledException)
        {
            // Shut down before the delay was over: the key is not wanted any more.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting, same as shut down.
        }
    }
}
