using Netra.Auth.Accounts;
using Netra.Auth.Throttling;

namespace Netra.Auth.Login;

public static class LoginServices
{
    /// <summary>Accounts, the per-credential throttle and the per-address rate limit of <c>/login</c>.</summary>
    public static IServiceCollection AddLogin(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<CredentialThrottle>();
        services.AddLoginAttemptsRateLimiting();
        return services;
    }
}
