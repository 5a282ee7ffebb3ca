using System.Collections.Concurrent;
using Netra.Probes.Clients;

namespace Netra.Probes.Running;

/// <summary>
/// The tokens every case shares that is not about login, refresh or revocation: each user logs in once per
/// run and the service client asks for one token per audience, and both are renewed as a client would
/// (at half their lifetime, or when a connection is told its token expired). A few hundred logins per run
/// would trip the auth service's login throttling and lock the probe users out.
/// </summary>
public sealed class TokenBook(AuthClient auth, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Shared<TokenPair>> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Shared<ServiceToken>> _clients = new(StringComparer.Ordinal);

    /// <summary>The user's shared tokens: a login the first time, a refresh once they are half spent.</summary>
    public Task<TokenPair> UserTokensAsync(UserCredential user, CancellationToken ct) =>
        UserEntry(user).GetAsync(_ => false, ct);

    /// <summary>
    /// The shared tokens once <paramref name="staleAccessToken"/> was found expired: refreshed once however many
    /// connections ask (two refreshes of one refresh token would count as reuse and revoke the whole family).
    /// </summary>
    public Task<TokenPair> RenewAsync(UserCredential user, string staleAccessToken, CancellationToken ct) =>
        UserEntry(user).GetAsync(pair => pair.AccessToken == staleAccessToken, ct);

    /// <summary>The client's shared token for <paramref name="audience"/>, asked for again once half spent.</summary>
    public Task<ServiceToken> ServiceTokenAsync(ClientCredential client, string audience, CancellationToken ct) =>
        _clients.GetOrAdd($"{client.ClientId} {audience}", _ => new Shared<ServiceToken>(
            _ => auth.ClientTokenAsync(client, audience, CancellationToken.None), token => token.ExpiresIn, time))
        .GetAsync(_ => false, ct);

    private Shared<TokenPair> UserEntry(UserCredential user) => _users.GetOrAdd(user.Username, _ => new Shared<TokenPair>(
        last => last is null ? auth.LoginAsync(user, CancellationToken.None) : RefreshOrLoginAsync(user, last),
        pair => pair.ExpiresIn,
        time));

    private async Task<TokenPair> RefreshOrLoginAsync(UserCredential user, TokenPair last)
    {
        try
        {
            return await auth.RefreshAsync(last.RefreshToken, CancellationToken.None);
        }
        catch (ProbeFailedException)
        {
            // The family was revoked or its refresh token expired: a new session, as a client would start.
            return await auth.LoginAsync(user, CancellationToken.None);
        }
    }

    /// <summary>
    /// One value obtained for everyone who asks: while it is being obtained every caller awaits the same
    /// task (which no single case's deadline cancels; the HTTP client's timeout bounds it).
    /// </summary>
    private sealed class Shared<T>(Func<T?, Task<T>> obtain, Func<T, int> lifetimeSeconds, TimeProvider time)
        where T : class
    {
        private readonly Lock _gate = new();
        private Task<T>? _current;
        private T? _last;
        private DateTimeOffset _renewAfter;

        public Task<T> GetAsync(Func<T, bool> isStale, CancellationToken ct)
        {
            lock (_gate)
            {
                // A failed attempt is not repeated: every later case fails at once with its cause, and a wrong
                // password is not tried again and again until the user is locked out.
                var spent = _current is { IsCompletedSuccessfully: true } done && (isStale(done.Result) || time.GetUtcNow() >= _renewAfter);
                if (_current is null || spent)
                {
                    _current = ObtainAsync();
                }

                return _current!.WaitAsync(ct);
            }
        }

        private async Task<T> ObtainAsync()
        {
            var obtainedAt = time.GetUtcNow();
            var value = await obtain(_last);
            lock (_gate)
            {
                _last = value;
                _renewAfter = obtainedAt + (TimeSpan.FromSeconds(lifetimeSeconds(value)) / 2);
            }

            return value;
        }
    }
}
