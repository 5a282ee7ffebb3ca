using Netra.Agent.Faults;
using Netra.Agent.Supervisor;

namespace Netra.Agent.Runs;

public static class RunServices
{
    /// <summary>Run admission, the supervisor, streaming and fault injection.</summary>
    public static IServiceCollection AddRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FaultInjectionOptions>().Bind(configuration.GetSection(FaultInjectionOptions.Section));
        services.AddOptions<StreamingOptions>().Bind(configuration.GetSection(StreamingOptions.Section))
            .Validate(options => options.ChunkSize >= 1 && options.ChunkDelay >= TimeSpan.Zero, "Agent:Streaming is out of range.")
            .ValidateOnStart();
        services.AddOptions<RunOptions>().Bind(configuration.GetSection(RunOptions.Section))
            .Validate(
                options => options.MaxConcurrentRuns >= 1 && options.MaxConcurrentRunsPerUser >= 1 && options.RetainedRuns >= 0,
                "Agent:MaxConcurrentRuns and Agent:MaxConcurrentRunsPerUser must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<RunMetrics>();
        services.AddSingleton<RunRegistry>();
        services.AddSingleton<AgentSupervisor>();
        return services;
    }
}
