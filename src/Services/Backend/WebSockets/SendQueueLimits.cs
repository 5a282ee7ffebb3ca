namespace Netra.Backend.WebSockets;

/// <summary>How much one connection's send queue holds before the client counts as not reading.</summary>
public readonly record struct SendQueueLimits(int Frames, long Bytes);
