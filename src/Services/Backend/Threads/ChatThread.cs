namespace Netra.Backend.Threads;

/// <summary>A conversation owned by one user.</summary>
public sealed record ChatThread(
    string Id,
    string UserId,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long MessageCount);
