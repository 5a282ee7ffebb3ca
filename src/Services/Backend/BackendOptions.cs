namespace Netra.Backend;

/// <summary>The <c>Backend:*</c> configuration section, with the defaults of the wire contract.</summary>
public sealed class BackendOptions
{
    public const string Section = "Backend";

    /// <summary>The development client id and secret; never used outside Development.</summary>
    public const string DevelopmentClientId = "netra-backend";
    public const string DevelopmentClientSecret = "netra-backend-dev-secret";

    /// <summary>How often each connection's token is checked again (expiry and revocation).</summary>
    public TimeSpan AuthRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client has to answer <c>auth_expired</c> with <c>auth_refresh</c> before close 4001.</summary>
    public TimeSpan AuthRefreshGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Larger client frames close the connection with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 65536;

    /// <summary>Per-user client frames per minute before <c>rate_limited</c>.</summary>
    public int MessagesPerMinute { get; set; } = 120;

    /// <summary>Consecutive rate-limited frames after which the connection is closed with 4029.</summary>
    public int RateLimitStrikes { get; set; } = 10;

    /// <summary>SQLite file holding threads and messages.</summary>
    public string DataPath { get; set; } = "./data/backend.db";

    /// <summary>Open connections one user may hold; more are refused with HTTP 429 before the upgrade.</summary>
    public int MaxConnectionsPerUser { get; set; } = 10;

    /// <summary>Frames waiting to be written to one connection; a client that lets it fill is closed.</summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>Bytes of frames waiting to be written to one connection; a client that lets it fill is closed.</summary>
    public long SendQueueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Server frames each session keeps for <c>resume</c>.</summary>
    public int ReplayBufferSize { get; set; } = 512;

    /// <summary>Bytes of frames each session keeps for <c>resume</c>; the oldest go first.</summary>
    public long ReplayBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Bytes of message content one <c>thread_history</c> answer carries at most (at least one message).</summary>
    public int HistoryPageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// <c>auth_refresh</c> frames per minute on one connection (each costs a call to the auth service). A client
    /// refreshes about once per token lifetime; this leaves room for lifetimes down to a few seconds.
    /// </summary>
    public int AuthRefreshesPerMinute { get; set; } = 30;

    /// <summary>
    /// Sessions one user keeps for <c>resume</c>, attached or not; a new one forgets the one detached longest ago (its
    /// resume then answers <c>session_expired</c>). Bounds what a user's churn keeps in memory: this many replay buffers.
    /// </summary>
    public int MaxSessionsPerUser { get; set; } = 16;

    /// <summary>How long a session without a connection can still be resumed.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interval of WebSocket ping frames sent by the server.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A peer that answers a ping with nothing for this long is dropped.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Browser origins allowed to open <c>/ws</c>; requests without an Origin header are not browsers and are allowed.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Audience the user tokens must carry.</summary>
    public string Audience { get; set; } = "netra-backend";

    /// <summary>Scope the user tokens must carry.</summary>
    public string RequiredScope { get; set; } = "chat";

    /// <summary>The backend's own client id, for the client-credentials token it presents to the agent.</summary>
    public string ClientId { get; set; } = DevelopmentClientId;

    /// <summary>The backend's client secret; required outside Development.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Audience of the service token requested for agent runs.</summary>
    public string AgentAudience { get; set; } = "netra-agent";
}
