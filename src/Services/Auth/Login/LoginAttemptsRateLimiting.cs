using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Netra.Auth.Configuration;
using Netra.Auth.Observability;
using Netra.Auth.Problems;

namespace Netra.Auth.Login;

/// <summary>
/// The framework rate limiter on the login endpoint: every attempt, successful or not, counts against the
/// client address, since each costs a password hash; and on the refresh endpoint, whose every rotation writes the
/// token store.
/// </summary>
public static class LoginAttemptsRateLimiting
{
    public const string Policy = "login-attempts";
    public const string RefreshPolicy = "refresh-attempts";
    public const string AddressAttempts = "address_attempts";

    public static IServiceCollection AddLoginAttemptsRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AuthOptions>>((limiter, auth) =>
        {
            var throttling = auth.Value.LoginThrottling;
            RateLimitPartition<string> PerAddress(HttpContext context, int permits) => RateLimitPartition.GetFixedWindowLimiter(
                LoginApi.ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = throttling.Window, QueueLimit = 0 });
            limiter.AddPolicy(Policy, context => PerAddress(context, throttling.AttemptsPerAddress));
            limiter.AddPolicy(RefreshPolicy, context => PerAddress(context, throttling.RefreshesPerAddress));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                if (context.Request.Path.Value?.EndsWith("/refresh", StringComparison.Ordinal) == true)
                {
                    LoginApi.SetRetryAfter(
                        context.Response, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var later) ? later : throttling.Window);
                    await AuthProblems.RefreshThrottled().ExecuteAsync(context);
                    return;
                }

                context.RequestServices.GetRequiredService<AuthMetrics>().LoginThrottles.WithLabels(AddressAttempts).Inc();
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : throttling.Window;
                LoginApi.SetRetryAfter(context.Response, retryAfter);
                await AuthProblems.LoginThrottled().ExecuteAsync(context);
            };
        });
        return services;
    }
}
