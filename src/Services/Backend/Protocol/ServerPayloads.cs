using Netra.Backend.Limits;

namespace Netra.Backend.Protocol;

// The payloads of the server -> client messages the backend produces itself; agent events are relayed as the agent wrote them.

/// <param name="AuthRecheckIntervalMs">How often the token is checked again, so a client can refresh in time.</param>
/// <param name="AuthRefreshGraceMs">How long a client has to answer <c>auth_expired</c> with <c>auth_refresh</c>.</param>
public sealed record ConnectedPayload(
    string SessionId,
    string UserId,
    bool Resumed,
    long? AuthRecheckIntervalMs = null,
    long? AuthRefreshGraceMs = null);

public sealed record ThreadPayload(string ThreadId, string Title, string CreatedAt, string UpdatedAt, long MessageCount);

public sealed record ThreadListPayload(IReadOnlyList<ThreadPayload> Threads);

public sealed record MessagePayload(string MessageId, long Seq, string Role, string Content, string? RunId, string CreatedAt);

public sealed record ThreadHistoryPayload(string ThreadId, IReadOnlyList<MessagePayload> Messages, bool HasMore, long? NextBeforeSeq);

public sealed record MessageAckPayload(string Id, string ThreadId, string MessageId, string RunId);

public sealed record AuthExpiredPayload(string Reason, long RefreshWithinMs);

public sealed record AuthRefreshedPayload(string ExpiresAt);

public sealed record RateLimitedPayload(long RetryAfterMs)
{
    public static RateLimitedPayload Of(RateDecision decision) => new((long)Math.Ceiling(decision.RetryAfter.TotalMilliseconds));
}

public sealed record ErrorPayload(string Code, string Message, bool Retryable, string? RunId = null, string? ThreadId = null);

public sealed record PongPayload;
