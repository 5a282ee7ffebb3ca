using Netra.Probes.Clients;

namespace Netra.Probes.Running;

/// <summary>A user logged in and connected: their current tokens, the connection and its <c>connected</c> frame.</summary>
public sealed class UserSession : IAsyncDisposable
{
    private const string RefreshId = "probe-session-refresh";

    private readonly TokenBook? _sharedTokens;
    private readonly Lock _gate = new();
    private TokenPair _tokens;

    /// <param name="sharedTokens">The run's shared tokens, renewed through it on <c>auth_expired</c>; null for a session on tokens of its
    /// own.</param>
    public UserSession(TokenBook? sharedTokens, UserCredential user, TokenPair tokens, BackendConnection connection, Envelope connected)
    {
        _sharedTokens = sharedTokens;
        _tokens = tokens;
        User = user;
        Connection = connection;
        Connected = connected;
        if (sharedTokens is not null)
        {
            connection.HandledAside = RefreshWhenExpired;
        }
    }

    public UserCredential User { get; }

    public BackendConnection Connection { get; }

    public Envelope Connected { get; }

    /// <summary>The tokens the connection runs on now (a refresh rotates them).</summary>
    public TokenPair Tokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    public string SessionId => Connected.Payload.Text("session_id") ?? string.Empty;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private bool RefreshWhenExpired(Envelope frame)
    {
        switch (frame.Type)
        {
            case "auth_expired":
                _ = RefreshAsync();
                return true;
            case "auth_refreshed" when frame.Id == RefreshId:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Best effort, as a client would: if the refresh fails the backend closes with 4001 and the case sees that.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            var fresh = await _sharedTokens!.RenewAsync(User, Tokens.AccessToken, CancellationToken.None);
            lock (_gate)
            {
                _tokens = fresh;
            }

            Connection.Send("auth_refresh", new { access_token = fresh.AccessToken }, RefreshId);
        }
#pragma warning disable CA1031 // A failed refresh shows as the close that follows, in the case that is running.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
