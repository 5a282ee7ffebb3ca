using Netra.Auth.Tokens;

namespace Netra.Auth.Sessions;

public static class SessionServices
{
    /// <summary>Access and refresh tokens: issue, validation, rotation, revocation and the purge of expired sessions.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<RevocationList>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<SessionService>();
        services.AddHostedService<SessionPurgeService>();
        return services;
    }
}
