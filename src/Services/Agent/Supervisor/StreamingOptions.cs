namespace Netra.Agent.Supervisor;

/// <summary>How answers are streamed as <c>partial_result</c> events. Bound from <c>Agent:Streaming</c>.</summary>
public sealed class StreamingOptions
{
    public const string Section = "Agent:Streaming";

    /// <summary>Longest chunk, in characters (chunks end at a word boundary).</summary>
    public int ChunkSize { get; set; } = 32;

    /// <summary>Pause before each chunk after the first: the pace of the stream.</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(1);
}
