using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Netra.Backend.AgentRuns;
using Netra.Backend.Auth;
using Netra.Backend.Limits;
using Netra.Backend.Protocol;
using Netra.Backend.Sessions;
using Netra.Backend.Threads;

namespace Netra.Backend.WebSockets;

/// <summary>
/// Handles the client frames of one connection, in order. Every answer goes through the connection's session, so
/// it is numbered and replayable. A frame that is not valid gets <c>error {code: "invalid_message"}</c> and
/// changes nothing.
/// </summary>
public sealed class ClientMessageHandler(
    ClientConnection connection,
    ConnectionAuth auth,
    Session initialSession,
    BackendServices services)
{
    private const int MaxTitleLength = 200;

    private bool _handledAny;

    // Each auth_refresh costs a call to the auth service: it has a budget of its own, per connection.
    private readonly MessageRateLimiter _refreshes = new(
        services.Options.AuthRefreshesPerMinute, services.Options.RateLimitStrikes, services.Time.GetUtcNow());

    /// <summary>The session this connection feeds; it changes once if the client resumes an earlier session.</summary>
    public Session Session { get; private set; } = initialSession;

    public async Task HandleAsync(ReadOnlyMemory<byte> message)
    {
        // Every frame counts, valid or not, text or binary: each one costs an answer. auth_refresh, which keeps the
        // connection alive, counts against its own limit instead (below), so a busy user is not logged out by the rate.
        ClientFrame frame;
        try
        {
            frame = ClientFrame.Parse(message);
        }
        catch (InvalidMessageException invalid)
        {
            if (PassesRateLimit(id: null))
            {
                SendError(ErrorCodes.InvalidMessage, invalid.Message, null);
            }

            return;
        }

        if (frame.Type != MessageTypes.AuthRefresh && !PassesRateLimit(frame.Id))
        {
            return;
        }

        try
        {
            await DispatchAsync(frame);
        }
        catch (InvalidMessageException invalid)
        {
            SendError(ErrorCodes.InvalidMessage, invalid.Message, frame.Id);
        }
        catch (SqliteException error)
        {
            services.Logger.LogError(error, "Storage failed while handling {Type}", frame.Type);
            SendError(ErrorCodes.InternalError, "the request could not be completed", frame.Id, retryable: true);
        }
        finally
        {
            _handledAny = true;
        }
    }

    private Task DispatchAsync(ClientFrame frame) => frame.Type switch
    {
        MessageTypes.ThreadCreate => CreateThreadAsync(frame),
        MessageTypes.ThreadSwitch => SwitchThreadAsync(frame),
        MessageTypes.ThreadList => ListThreadsAsync(frame),
        MessageTypes.ThreadHistory => SendHistoryAsync(frame),
        MessageTypes.UserMessage => AcceptUserMessageAsync(frame),
        MessageTypes.AgentCancel => CancelRunAsync(frame),
        MessageTypes.AuthRefresh => RefreshAuthAsync(frame),
        MessageTypes.Resume => Resume(frame),
        MessageTypes.Ping => Pong(frame),
        _ => throw new InvalidMessageException($"unknown message type '{frame.Type}'"),
    };

    private bool PassesRateLimit(string? id)
    {
        var decision = services.RateLimits.Decide(auth.UserId);
        if (decision.Verdict == RateVerdict.Allowed)
        {
            return true;
        }

        Session.Send(MessageTypes.RateLimited, RateLimitedPayload.Of(decision), id);
        if (decision.Verdict == RateVerdict.Abusive)
        {
            connection.Close(CloseCodes.RateLimited, "rate limit exceeded");
        }

        return false;
    }

    private async Task CreateThreadAsync(ClientFrame frame)
    {
        var title = frame.Payload.OptionalString("title")?.Trim();
        if (title is { Length: > MaxTitleLength })
        {
            throw new InvalidMessageException($"payload.title is longer than {MaxTitleLength} characters");
        }

        var thread = await services.Threads.CreateThreadAsync(
            auth.UserId,
            string.IsNullOrEmpty(title) ? "New thread" : title,
            CancellationToken.None);
        Reply(frame, MessageTypes.ThreadCreated, ToPayload(thread));
    }

    private async Task SwitchThreadAsync(ClientFrame frame)
    {
        var thread = await FindOwnThreadAsync(frame);
        if (thread is null)
        {
            return;
        }

        services.Sessions.Watch(Session, thread.Id);
        Reply(frame, MessageTypes.ThreadSwitched, ToPayload(thread));
    }

    private async Task ListThreadsAsync(ClientFrame frame)
    {
        var threads = await services.Threads.ListThreadsAsync(auth.UserId, CancellationToken.None);
        Reply(frame, MessageTypes.ThreadList, new ThreadListPayload([.. threads.Select(ToPayload)]));
    }

    private async Task SendHistoryAsync(ClientFrame frame)
    {
        var beforeSeq = frame.Payload.OptionalInteger("before_seq");
        var limit = frame.Payload.OptionalInteger("limit") ?? HistoryPage.DefaultLimit;
        if (limit is < 1 or > HistoryPage.MaxLimit)
        {
            throw new InvalidMessageException($"payload.limit must be between 1 and {HistoryPage.MaxLimit}");
        }

        var thread = await FindOwnThreadAsync(frame);
        if (thread is null)
        {
            return;
        }

        var page = await services.Threads.ReadHistoryAsync(
            thread.Id, beforeSeq, (int)limit, services.Options.HistoryPageBytes, CancellationToken.None);
        var messages = page.Messages
            .Select(m => new MessagePayload(m.Id, m.Seq, m.Role, m.Content, m.RunId, ServerFrame.FormatTimestamp(m.CreatedAt)))
            .ToList();
        long? nextBeforeSeq = page.HasMore ? messages[0].Seq : null;
        Reply(frame, MessageTypes.ThreadHistory, new ThreadHistoryPayload(thread.Id, messages, page.HasMore, nextBeforeSeq));
    }

    private async Task AcceptUserMessageAsync(ClientFrame frame)
    {
        var threadId = frame.Payload.RequiredString("thread_id");
        var content = frame.Payload.RequiredString("content");
        if (content.Length > ChatMessage.MaxContentLength)
        {
            throw new InvalidMessageException($"payload.content is longer than {ChatMessage.MaxContentLength} characters");
        }
        var runId = AgentRunRelay.NewRunId();
        var stored = await services.Threads.AppendMessageAsync(
            auth.UserId,
            threadId,
            ChatMessage.UserRole,
            content,
            runId,
            CancellationToken.None);
        if (stored is null)
        {
            SendError(ErrorCodes.ThreadNotFound, "no such thread", frame.Id);
            return;
        }

        Reply(frame, MessageTypes.MessageAck, new MessageAckPayload(frame.Id ?? stored.Id, threadId, stored.Id, runId));
        services.Runs.Start(runId, auth.UserId, threadId, content, Session);
    }

    private async Task CancelRunAsync(ClientFrame frame)
    {
        var runId = frame.Payload.RequiredString("run_id");
        if (!await services.Runs.CancelAsync(auth.UserId, runId, CancellationToken.None))
        {
            SendError(ErrorCodes.RunNotFound, "no such run in progress", frame.Id);
        }
    }

    private async Task RefreshAuthAsync(ClientFrame frame)
    {
        var token = frame.Payload.RequiredString("access_token");
        if (_refreshes.Decide(services.Time.GetUtcNow()) is { Verdict: not RateVerdict.Allowed } refusal)
        {
            Reply(frame, MessageTypes.RateLimited, RateLimitedPayload.Of(refusal));
            return;
        }

        var check = await services.Tokens.ValidateAsync(token, CancellationToken.None);
        if (!RecheckPolicy.AcceptsRefresh(auth.UserId, check))
        {
            var unavailable = check.Status == TokenStatus.AuthUnavailable;
            SendError(
                ErrorCodes.InvalidToken,
                unavailable ? "the token could not be checked" : "the token was not accepted",
                frame.Id,
                retryable: unavailable);
            return;
        }

        auth.Refresh(token, check.Identity!);
        Reply(frame, MessageTypes.AuthRefreshed, new AuthRefreshedPayload(ServerFrame.FormatTimestamp(check.Identity!.ExpiresAt)));
    }

    private Task Pong(ClientFrame frame)
    {
        Reply(frame, MessageTypes.Pong, new PongPayload());
        return Task.CompletedTask;
    }

    private Task Resume(ClientFrame frame)
    {
        var sessionId = frame.Payload.RequiredString("session_id");
        var lastSeq = frame.Payload.RequiredInteger("last_seq");
        if (_handledAny)
        {
            throw new InvalidMessageException("resume must be the first frame of a connection");
        }

        var previous = services.Sessions.FindResumable(sessionId, auth.UserId);
        if (previous is null || ReferenceEquals(previous, Session))
        {
            SendError(ErrorCodes.SessionExpired, "the session cannot be resumed", frame.Id);
            return Task.CompletedTask;
        }

        var fresh = Session;
        switch (previous.Resume(connection, lastSeq, frame.Id))
        {
            case ReplayOutcome.Complete:
                Session = previous;
                fresh.Detach(connection);
                services.Sessions.Remove(fresh);
                return Task.CompletedTask;
            case ReplayOutcome.Gap:
                SendError(ErrorCodes.SessionExpired, "messages after last_seq are no longer held; start a new session", frame.Id);
                return Task.CompletedTask;
            default:
                throw new InvalidMessageException("payload.last_seq is ahead of the session");
        }
    }

    private async Task<ChatThread?> FindOwnThreadAsync(ClientFrame frame)
    {
        var thread = await services.Threads.FindThreadAsync(auth.UserId, frame.Payload.RequiredString("thread_id"), CancellationToken.None);
        if (thread is null)
        {
            SendError(ErrorCodes.ThreadNotFound, "no such thread", frame.Id);
        }

        return thread;
    }

    private void Reply(ClientFrame frame, string type, object payload) => Session.Send(type, payload, frame.Id);

    private void SendError(string code, string message, string? id, bool retryable = false) =>
        Session.Send(MessageTypes.Error, new ErrorPayload(code, message, retryable), id);

    private static ThreadPayload ToPayload(ChatThread thread) => new(
        thread.Id,
        thread.Title,
        ServerFrame.FormatTimestamp(thread.CreatedAt),
        ServerFrame.FormatTimestamp(thread.UpdatedAt),
        thread.MessageCount);
}
