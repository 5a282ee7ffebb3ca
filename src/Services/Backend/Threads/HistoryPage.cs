namespace Netra.Backend.Threads;

/// <summary>Messages of one thread, oldest first, with whether older ones remain.</summary>
public sealed record HistoryPage(IReadOnlyList<ChatMessage> Messages, bool HasMore)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
