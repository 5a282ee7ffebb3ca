using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Netra.Auth.Configuration;

namespace Netra.Auth.Login;

/// <summary>Why a login was refused, and when to come back.</summary>
public sealed record LoginRefusal(string Limit, TimeSpan RetryAfter);

/// <summary>
/// Counts failed logins per username and per client address in fixed windows. Only failures count,
/// so a user who logs in often is never locked out by their own successes.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string UsernameFailures = "username_failures";
    public const string AddressFailures = "address_failures";

    private readonly PartitionedRateLimiter<string> _failuresByUsername;
    private readonly PartitionedRateLimiter<string> _failuresByAddress;

    public LoginThrottle(IOptions<AuthOptions> options)
    {
        var throttling = options.Value.LoginThrottling;
        _failuresByUsername = FixedWindows(throttling.FailuresPerUsername, throttling.Window);
        _failuresByAddress = FixedWindows(throttling.FailuresPerAddress, throttling.Window);
    }

    /// <summary>A refusal when either window has no failure left, otherwise null. Consumes nothing.</summary>
    public LoginRefusal? Check(string username, string address) =>
        Refusal(_failuresByUsername, username, UsernameFailures) ?? Refusal(_failuresByAddress, address, AddressFailures);

    public void RecordFailure(string username, string address)
    {
        _failuresByUsername.AttemptAcquire(username).Dispose();
        _failuresByAddress.AttemptAcquire(address).Dispose();
    }

    public void Dispose()
    {
        _failuresByUsername.Dispose();
        _failuresByAddress.Dispose();
    }

    private static LoginRefusal? Refusal(PartitionedRateLimiter<string> limiter, string key, string limit)
    {
        // Asking for zero permits reports whether the window is exhausted without using it up.
        using var lease = limiter.AttemptAcquire(key, 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return new LoginRefusal(limit, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
    }

    private static PartitionedRateLimiter<string> FixedWindows(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
}
