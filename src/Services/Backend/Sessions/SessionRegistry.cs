using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Netra.Backend.Sessions;

/// <summary>
/// All live sessions of this backend instance, by id and by user. A user keeps at most
/// <see cref="BackendOptions.MaxSessionsPerUser"/>: a new one forgets that user's session detached longest ago, so that
/// churning sessions cannot hold the server's memory (each keeps a replay buffer) for the expiry time.
/// </summary>
public sealed class SessionRegistry(IOptions<BackendOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Session, byte>> _watchers = new(StringComparer.Ordinal);

    // Each user's sessions, so that opening a connection looks at that user's sessions only, never at every session of
    // the instance (which made each connect cost time and garbage in proportion to all open connections).
    private readonly Lock _usersGate = new();
    private readonly Dictionary<string, List<Session>> _byUser = new(StringComparer.Ordinal);

    public Session Create(string userId)
    {
        var id = "ses_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var session = new Session(id, userId, options.Value.ReplayBufferSize, options.Value.ReplayBufferBytes, time);
        lock (_usersGate)
        {
            if (!_byUser.TryGetValue(userId, out var mine))
            {
                mine = [];
                _byUser[userId] = mine;
            }

            ForgetDetachedLongestAgo(mine, excess: mine.Count - (options.Value.MaxSessionsPerUser - 1));
            mine.Add(session);
            _sessions[id] = session;
        }

        return session;
    }

    /// <summary>The session, when it exists, has not expired and belongs to <paramref name="userId"/>.</summary>
    public Session? FindResumable(string sessionId, string userId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session) || !string.Equals(session.UserId, userId, StringComparison.Ordinal))
        {
            return null;
        }

        return session.IsExpired(time.GetUtcNow(), options.Value.SessionExpiry) ? null : session;
    }

    /// <summary>Makes <paramref name="threadId"/> the session's active thread (<c>thread_switch</c>).</summary>
    public void Watch(Session session, string threadId)
    {
        Unwatch(session);
        session.ActiveThreadId = threadId;
        _watchers.GetOrAdd(threadId, _ => new ConcurrentDictionary<Session, byte>())[session] = 0;
    }

    /// <summary>The sessions that have <paramref name="threadId"/> as their active thread (thread ids are never shared between
    /// users).</summary>
    public ICollection<Session> WatchingThread(string threadId) =>
        _watchers.TryGetValue(threadId, out var watchers) ? watchers.Keys : [];

    public void Remove(Session session)
    {
        lock (_usersGate)
        {
            if (_byUser.TryGetValue(session.UserId, out var mine))
            {
                RemoveLocked(mine, session);
                if (mine.Count == 0)
                {
                    _byUser.Remove(session.UserId);
                }
            }
        }
    }

    /// <summary>Forgets sessions nobody resumed in time; returns how many.</summary>
    public int RemoveExpired()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var session in _sessions.Values)
        {
            if (session.IsExpired(now, options.Value.SessionExpiry))
            {
                Remove(session);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Forgets up to <paramref name="excess"/> of the user's detached sessions, those detached longest ago first.</summary>
    private void ForgetDetachedLongestAgo(List<Session> mine, int excess)
    {
        if (excess <= 0)
        {
            return;
        }

        List<(Session Session, DateTimeOffset DetachedAt)>? detached = null;
        foreach (var session in mine)
        {
            if (session.DetachedAt is { } at)
            {
                (detached ??= []).Add((session, at));
            }
        }

        foreach (var (oldest, _) in (detached ?? []).OrderBy(d => d.DetachedAt).Take(excess))
        {
            RemoveLocked(mine, oldest);
        }
    }

    private void RemoveLocked(List<Session> mine, Session session)
    {
        mine.Remove(session);
        _sessions.TryRemove(new KeyValuePair<string, Session>(session.Id, session));
        Unwatch(session);
    }

    private void Unwatch(Session session)
    {
        if (session.ActiveThreadId is { } previous && _watchers.TryGetValue(previous, out var watchers))
        {
            watchers.TryRemove(session, out _);
            if (watchers.IsEmpty)
            {
                _watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Session, byte>>(previous, watchers));
            }
        }
    }
}
