using System.Security.Cryptography;
using k8s.Models;

namespace Netra.Operator.Core.Ui;

/// <summary>
/// Who logged in, by the random id their session cookie carries: the user the API server's TokenReview named, never the
/// token itself. Bounded: a login beyond <see cref="UiOptions.MaxSessions"/> forgets the oldest. Held in memory, so a
/// restarted operator asks its users to log in again.
/// </summary>
public sealed class Sessions(UiOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (V1UserInfo User, DateTimeOffset Expires)> _open = [];

    public string Open(V1UserInfo user)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            ForgetExpired();
            if (_open.Count >= options.MaxSessions)
            {
                _open.Remove(_open.MinBy(session => session.Value.Expires).Key);
            }

            _open[id] = (user, time.GetUtcNow() + options.SessionLifetime);
        }

        return id;
    }

    public V1UserInfo? Find(string? id)
    {
        lock (_gate)
        {
            return id is not null && _open.TryGetValue(id, out var session) && session.Expires > time.GetUtcNow() ? session.User : null;
        }
    }

    public void Close(string? id)
    {
        lock (_gate)
        {
            if (id is not null)
            {
                _open.Remove(id);
            }
        }
    }

    private void ForgetExpired()
    {
        var now = time.GetUtcNow();
        foreach (var id in _open.Where(session => session.Value.Expires <= now).Select(session => session.Key).ToList())
        {
            _open.Remove(id);
        }
    }
}
