namespace Netra.Auth.Throttling;

/// <summary>
/// Failed verifications allowed per key in a fixed window. A caller reserves one failure before it verifies and
/// settles it after, so concurrent guesses cannot outrun the limit: while failures and verifications in flight
/// together reach it, further callers wait for one to settle, and once failures alone reach it they are refused.
/// </summary>
public sealed class FailureBudget(int limit, TimeSpan window, TimeProvider time)
{
    // Past this many keys, those with nothing in flight and an expired window are dropped.
    private const int PruneThreshold = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Null when a failure is reserved for <paramref name="key"/>; otherwise how long until the window ends.</summary>
    public async Task<TimeSpan?> ReserveAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task settled;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                var entry = CurrentEntry(key, now);
                if (entry.Failures >= limit)
                {
                    var retryAfter = entry.WindowStart + window - now;
                    return retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
                }

                if (entry.Failures + entry.Pending < limit)
                {
                    entry.Pending++;
                    return null;
                }

                settled = entry.Settled.Task;
            }

            await settled.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Ends a reservation: it becomes a failure, or (after a success, or when abandoned) is given back.</summary>
    public void Settle(string key, bool failed)
    {
        lock (_gate)
        {
            var entry = CurrentEntry(key, time.GetUtcNow());
            entry.Pending = Math.Max(0, entry.Pending - 1);
            if (failed)
            {
                entry.Failures++;
            }

            var waiters = entry.Settled;
            entry.Settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.TrySetResult();
        }
    }

    private Entry CurrentEntry(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (_entries.Count >= PruneThreshold)
            {
                Prune(now);
            }

            entry = new Entry { WindowStart = now };
            _entries[key] = entry;
        }
        else if (now - entry.WindowStart >= window)
        {
            entry.WindowStart = now;
            entry.Failures = 0;
        }

        return entry;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Pending == 0 && now - entry.WindowStart >= window)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Failures { get; set; }

        public int Pending { get; set; }

        public TaskCompletionSource Settled { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
