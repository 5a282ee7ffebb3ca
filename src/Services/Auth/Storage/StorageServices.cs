using Netra.ServiceDefaults;

namespace Netra.Auth.Storage;

public static class StorageServices
{
    /// <summary>The SQLite store at <c>Auth:DataPath</c>, its schema at start and its readiness check.</summary>
    public static IServiceCollection AddAuthStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<AuthDatabase>();
        // Started before Kestrel serves, and before the signing keys: schema and revocations first.
        services.AddHostedService<StoreInitializer>();
        services.AddHealthChecks().AddCheck<AuthDatabaseHealthCheck>("sqlite", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return services;
    }
}
