using Netra.Backend.Protocol;

namespace Netra.Backend.Sessions;

/// <summary>
/// The server side of one client conversation: the per-session <c>seq</c>, the replay buffer, the active thread,
/// and the connection attached now (if any). It outlives its connection so that a reconnecting client can resume.
/// </summary>
public sealed class Session(string id, string userId, int replayCapacity, long replayBytes, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly ReplayBuffer<ReadOnlyMemory<byte>> _replay = new(replayCapacity, replayBytes, frame => frame.Length);
    private IFrameSink? _sink;
    private DateTimeOffset _detachedAt = time.GetUtcNow();

    public string Id { get; } = id;

    public string UserId { get; } = userId;

    /// <summary>The thread chosen with <c>thread_switch</c>; agent events of this thread reach this session too.</summary>
    public string? ActiveThreadId { get; internal set; }

    /// <summary>Numbers, records and delivers one server frame.</summary>
    public void Send(string type, object payload, string? id = null)
    {
        lock (_gate)
        {
            var frame = ServerFrame.Serialize(type, payload, id, _replay.NewestSeq + 1, time.GetUtcNow());
            _replay.Append(frame);
            if (_sink is not null && !_sink.TryEnqueue(frame))
            {
                DetachLocked();
            }
        }
    }

    public void Attach(IFrameSink sink)
    {
        lock (_gate)
        {
            _sink = sink;
        }
    }

    /// <summary>
    /// Attaches <paramref name="sink"/>, queues every frame after <paramref name="lastSeq"/> and then
    /// <c>connected {resumed: true}</c>, atomically with respect to new frames.
    /// </summary>
    public ReplayOutcome Resume(IFrameSink sink, long lastSeq, string? requestId)
    {
        lock (_gate)
        {
            var outcome = _replay.TryGetAfter(lastSeq, out var missed);
            if (outcome != ReplayOutcome.Complete)
            {
                return outcome;
            }

            var previous = _sink;
            _sink = sink;
            previous?.Superseded();
            if (missed.Count > 0 && !sink.TryEnqueueReplay(missed))
            {
                DetachLocked();
                return outcome;
            }

            Send(MessageTypes.Connected, new ConnectedPayload(Id, UserId, Resumed: true), requestId);
            return outcome;
        }
    }

    /// <summary>Detaches <paramref name="sink"/> if it is still the attached one.</summary>
    public void Detach(IFrameSink sink)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_sink, sink))
            {
                DetachLocked();
            }
        }
    }

    /// <summary>When the session lost its connection, or null while one is attached.</summary>
    public DateTimeOffset? DetachedAt
    {
        get
        {
            lock (_gate)
            {
                return _sink is null ? _detachedAt : null;
            }
        }
    }

    public bool IsExpired(DateTimeOffset now, TimeSpan expiry)
    {
        lock (_gate)
        {
            return _sink is null && now - _detachedAt > expiry;
        }
    }

    private void DetachLocked()
    {
        _sink = null;
        _detachedAt = time.GetUtcNow();
    }
}
