namespace Netra.Backend.Sessions;

public static class SessionServices
{
    /// <summary>Resumable sessions and the sweep of those expired.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<SessionRegistry>();
        services.AddHostedService<SessionExpirySweeper>();
        return services;
    }
}
