namespace Netra.Backend.WebSockets;

/// <summary>One item of a connection's send queue: a frame, or a batch of replayed frames sent back to back.</summary>
public readonly record struct Outgoing(ReadOnlyMemory<byte> Frame, IReadOnlyList<ReadOnlyMemory<byte>>? Replay)
{
    /// <summary>What the item holds, for the send queue's byte budget.</summary>
    public long Bytes => Replay is null ? Frame.Length : Replay.Sum(frame => (long)frame.Length);
}
