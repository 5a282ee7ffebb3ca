namespace Netra.Backend.Threads;

/// <summary>One stored message of a thread; <see cref="Seq"/> is its 1-based position in the thread.</summary>
public sealed record ChatMessage(string Id, string ThreadId, long Seq, string Role, string Content, string? RunId, DateTimeOffset CreatedAt)
{
    public const string UserRole = "user";
    public const string AssistantRole = "assistant";

    /// <summary>Marks a run the backend lost track of (it stopped or crashed while relaying it).</summary>
    public const string SystemRole = "system";

    /// <summary>The longest user message, in characters: the agent's own input limit, so every stored message can run.</summary>
    public const int MaxContentLength = 32_000;
}
