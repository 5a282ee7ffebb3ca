using Microsoft.Extensions.Options;
using Netra.Auth.Configuration;

namespace Netra.Auth.Throttling;

/// <summary>Why a credential check was refused before it ran, and when to come back.</summary>
public sealed record ThrottleRefusal(string Limit, TimeSpan RetryAfter);

/// <summary>Whose secret is being checked: a user's password at login, or a service client's secret.</summary>
public enum CredentialKind
{
    User,
    Client,
}

/// <summary>
/// Failed password and client-secret checks, counted per account (username or client id) and per client address
/// with the <c>Auth:LoginThrottling</c> limits. Every check reserves a failure in both before it runs (see
/// <see cref="FailureBudget"/>); only failures are kept, so an account that signs in often is never locked out by
/// its own successes. Users and clients are counted apart.
/// </summary>
public sealed class CredentialThrottle(IOptions<AuthOptions> options, TimeProvider time)
{
    public const string UsernameFailures = "username_failures";
    public const string AddressFailures = "address_failures";
    public const string ClientFailures = "client_failures";

    private readonly FailureBudget _byAccount = new(
        options.Value.LoginThrottling.FailuresPerUsername, options.Value.LoginThrottling.Window, time);

    private readonly FailureBudget _byAddress = new(
        options.Value.LoginThrottling.FailuresPerAddress, options.Value.LoginThrottling.Window, time);

    /// <summary>
    /// Runs <paramref name="verify"/> when both budgets allow one more failure; its result decides whether the
    /// reservation becomes a failure. Returns the refusal instead when a budget is spent.
    /// </summary>
    public async Task<(T? Result, ThrottleRefusal? Refusal)> CheckAsync<T>(
        CredentialKind kind, string account, string address, Func<T> verify, Func<T, bool> failed, CancellationToken cancellationToken)
    {
        var accountKey = $"{kind}:{account}";
        var addressKey = $"{kind}:{address}";
        if (await _byAccount.ReserveAsync(accountKey, cancellationToken) is { } accountWait)
        {
            return (default, new ThrottleRefusal(kind == CredentialKind.User ? UsernameFailures : ClientFailures, accountWait));
        }

        var verified = false;
        var isFailure = false;
        try
        {
            if (await _byAddress.ReserveAsync(addressKey, cancellationToken) is { } addressWait)
            {
                return (default, new ThrottleRefusal(AddressFailures, addressWait));
            }

            try
            {
                var result = verify();
                verified = true;
                isFailure = failed(result);
                return (result, null);
            }
            finally
            {
                _byAddress.Settle(addressKey, verified && isFailure);
            }
        }
        finally
        {
            _byAccount.Settle(accountKey, verified && isFailure);
        }
    }
}
