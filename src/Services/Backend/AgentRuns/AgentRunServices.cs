namespace Netra.Backend.AgentRuns;

public static class AgentRunServices
{
    /// <summary>Agent runs streamed to threads, and the marking at start of runs a restart interrupted.</summary>
    public static IServiceCollection AddAgentRuns(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<AgentClient>();
        services.AddSingleton<AgentRunRelay>();
        services.AddHostedService<InterruptedRunMarker>();
        return services;
    }
}
