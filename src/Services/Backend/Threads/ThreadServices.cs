using Netra.ServiceDefaults;

namespace Netra.Backend.Threads;

public static class ThreadServices
{
    /// <summary>The thread store at <c>Backend:DataPath</c> and its readiness check.</summary>
    public static IServiceCollection AddThreads(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<ThreadStore>();
        services.AddHealthChecks().AddCheck<ThreadStoreHealthCheck>("thread-store", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return services;
    }
}
