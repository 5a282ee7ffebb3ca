namespace Netra.Auth.Observability;

public static class ObservabilityServices
{
    /// <summary>The auth service's own metrics on <c>/metrics</c>.</summary>
    public static IServiceCollection AddAuthMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<AuthMetrics>();
        return services;
    }
}
