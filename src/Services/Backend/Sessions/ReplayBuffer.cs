namespace Netra.Backend.Sessions;

public enum ReplayOutcome
{
    /// <summary>Everything after the client's last seq is still held.</summary>
    Complete,

    /// <summary>Some of what the client missed has already been dropped.</summary>
    Gap,

    /// <summary>The client claims a seq the session never produced.</summary>
    Ahead,
}

/// <summary>
/// The last <c>capacity</c> items of a contiguous, 1-based sequence. It grows with use, so an idle session costs
/// almost nothing. Not thread-safe: the session locks.
/// </summary>
public sealed class ReplayBuffer<T>
{
    private readonly Queue<T> _items = new();
    private readonly int _capacity;
    private long _newestSeq;

    public ReplayBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public long NewestSeq => _newestSeq;

    public long OldestSeq => _newestSeq - _items.Count + 1;

    /// <summary>Appends the item of seq <see cref="NewestSeq"/> + 1 and returns that seq.</summary>
    public long Append(T item)
    {
        _newestSeq++;
        _items.Enqueue(item);
        if (_items.Count > _capacity)
        {
            _items.Dequeue();
        }

        return _newestSeq;
    }

    /// <summary>The items after <paramref name="lastSeq"/>, oldest first, when the buffer still holds all of them.</summary>
    public ReplayOutcome TryGetAfter(long lastSeq, out IReadOnlyList<T> items)
    {
        items = [];
        if (lastSeq > _newestSeq || lastSeq < 0)
        {
            return ReplayOutcome.Ahead;
        }

        if (lastSeq + 1 < OldestSeq)
        {
            return ReplayOutcome.Gap;
        }

        items = [.. _items.Skip((int)(lastSeq + 1 - OldestSeq))];
        return ReplayOutcome.Complete;
    }
}
