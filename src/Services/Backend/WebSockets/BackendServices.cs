using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Netra.Backend.AgentRuns;
using Netra.Backend.Auth;
using Netra.Backend.Limits;
using Netra.Backend.Sessions;
using Netra.Backend.Threads;

namespace Netra.Backend.WebSockets;

/// <summary>The singletons a connection works with, in one place.</summary>
public sealed class BackendServices(
    IOptions<BackendOptions> options,
    UserTokenValidator tokens,
    ThreadStore threads,
    SessionRegistry sessions,
    AgentRunRelay runs,
    UserRateLimits rateLimits,
    ConnectionRegistry connections,
    OriginPolicy origins,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<BackendServices> logger)
{
    public BackendOptions Options { get; } = options.Value;

    public UserTokenValidator Tokens { get; } = tokens;

    public ThreadStore Threads { get; } = threads;

    public SessionRegistry Sessions { get; } = sessions;

    public AgentRunRelay Runs { get; } = runs;

    public UserRateLimits RateLimits { get; } = rateLimits;

    public ConnectionRegistry Connections { get; } = connections;

    public OriginPolicy Origins { get; } = origins;

    public TimeProvider Time { get; } = time;

    public IHostApplicationLifetime Lifetime { get; } = lifetime;

    public ILogger Logger { get; } = logger;
}
