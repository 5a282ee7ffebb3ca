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
/// The last items of a contiguous, 1-based sequence: at most <c>capacity</c> of them and at most
/// <c>byteBudget</c> bytes as measured by <c>size</c>. It grows with use, so an idle session costs almost nothing.
/// Not thread-safe: the session locks.
/// </summary>
public sealed class ReplayBuffer<T>
{
    private readonly Queue<T> _items = new();
    private readonly int _capacity;
    private readonly long _byteBudget;
    private readonly Func<T, int> _size;
    private long _newestSeq;
    private long _bytes;

    public ReplayBuffer(int capacity, long byteBudget = long.MaxValue, Func<T, int>? size = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(byteBudget);
        _capacity = capacity;
        _byteBudget = byteBudget;
        _size = size ?? (_ => 0);
    }

    /// <summary>The bytes held now.</summary>
    public long Bytes => _bytes;

    public long NewestSeq => _newestSeq;

    public long OldestSeq => _newestSeq - _items.Count + 1;

    /// <summary>Appends the item of seq <see cref="NewestSeq"/> + 1 and returns that seq.</summary>
    public long Append(T item)
    {
        _newestSeq++;
        _items.Enqueue(item);
        _bytes += _size(item);
        while (_items.Count > _capacity || (_bytes > _byteBudget && _items.Count > 1))
        {
            _bytes -= _size(_items.Dequeue());
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
