namespace Netra.Backend.Threads;

/// <summary>One stored message of a thread; <see cref="Seq"/> is its 1-based position in the thread.</summary>
public sealed record ChatMessage(string Id, string ThreadId, long Seq, string Role, string Content, string? RunId, DateTimeOffset CreatedAt)
{
    public const string UserRole = "user";
    public const string AssistantRole = "assistant";
}
