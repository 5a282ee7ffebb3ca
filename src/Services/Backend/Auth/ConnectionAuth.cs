using System.Text;
using Netra.Backend.Protocol;
using Netra.Backend.Sessions;

namespace Netra.Backend.Auth;

/// <summary>
/// The token behind one connection. It is checked again every <c>AuthRecheckInterval</c> and at its expiry; an
/// expired or revoked token gets <c>auth_expired</c>, and unless <c>auth_refresh</c> brings a valid token of the
/// same user within <c>AuthRefreshGrace</c>, the connection is closed with 4001.
/// </summary>
public sealed class ConnectionAuth(
    string token,
    UserIdentity identity,
    UserTokenValidator validator,
    BackendOptions options,
    TimeProvider time)
{
    /// <summary>Lets the expiry check run just after the expiry instant, never just before it.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMilliseconds(20);

    private volatile AcceptedToken _current = AcceptedToken.Of(token, identity);
    private volatile TaskCompletionSource _refreshed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string UserId { get; } = identity.UserId;

    public DateTimeOffset ExpiresAt => _current.Identity.ExpiresAt;

    /// <summary>Replaces the token after a successful <c>auth_refresh</c>.</summary>
    public void Refresh(string newToken, UserIdentity newIdentity)
    {
        _current = AcceptedToken.Of(newToken, newIdentity);
        Interlocked.Exchange(ref _refreshed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Re-checks until the connection ends; <paramref name="close"/> is called with 4001 when the grace runs out.</summary>
    public async Task RunAsync(Func<Session> session, Action close, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var checkedToken = _current;
                var untilExpiry = checkedToken.Identity.ExpiresAt - time.GetUtcNow() + ExpiryMargin;
                var interval = Jittered(options.AuthRecheckInterval);
                var wait = untilExpiry < interval ? untilExpiry : interval;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                checkedToken = _current;
                var outcome = await validator.RecheckAsync(checkedToken.Token(), checkedToken.Identity, cancellationToken);
                if (outcome == RecheckOutcome.KeepOpen)
                {
                    continue;
                }

                var reason = outcome == RecheckOutcome.Revoked ? "revoked" : "expired";
                var refreshed = _refreshed;
                if (!ReferenceEquals(_current, checkedToken))
                {
                    continue;
                }

                session().Send(MessageTypes.AuthExpired, new AuthExpiredPayload(reason, (long)options.AuthRefreshGrace.TotalMilliseconds));
                if (!await WaitForRefreshAsync(checkedToken, refreshed, cancellationToken))
                {
                    close();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection ended.
        }
    }

    /// <summary>
    /// The interval ±10%, so that connections opened together (a reconnect storm after a restart) do not all
    /// ask the auth service at the same instant.
    /// </summary>
    private static TimeSpan Jittered(TimeSpan interval) => interval * (0.9 + (Random.Shared.NextDouble() * 0.2));

    private async Task<bool> WaitForRefreshAsync(AcceptedToken expired, TaskCompletionSource refreshed, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.AuthRefreshGrace;
        while (ReferenceEquals(_current, expired))
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.WhenAny(refreshed.Task, Task.Delay(remaining, time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            refreshed = _refreshed;
        }

        return true;
    }

    /// <summary>
    /// The token as UTF-8, for the connection's whole life: a JWT is ASCII, so this is half the bytes of a string (a
    /// kilobyte or more per connection), and the string the re-check sends is made only every re-check interval.
    /// </summary>
    private sealed class AcceptedToken(byte[] utf8, UserIdentity identity)
    {
        public UserIdentity Identity { get; } = identity;

        public static AcceptedToken Of(string token, UserIdentity identity) => new(Encoding.UTF8.GetBytes(token), identity);

        public string Token() => Encoding.UTF8.GetString(utf8);
    }
}
