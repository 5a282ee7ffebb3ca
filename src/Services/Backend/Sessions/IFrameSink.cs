namespace Netra.Backend.Sessions;

/// <summary>Where a session delivers its frames: the connection currently attached to it.</summary>
public interface IFrameSink
{
    /// <summary>Queues one frame without blocking; false when the sink refused it (and is closing).</summary>
    bool TryEnqueue(ReadOnlyMemory<byte> frame);

    /// <summary>Queues frames being replayed, as one unit ahead of anything queued later.</summary>
    bool TryEnqueueReplay(IReadOnlyList<ReadOnlyMemory<byte>> frames);

    /// <summary>The session moved to another connection.</summary>
    void Superseded();
}
