namespace Netra.Agent.Tools;

public static class ToolServices
{
    /// <summary>The built-in tools and their runner.</summary>
    public static IServiceCollection AddTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ToolOptions>().Bind(configuration.GetSection(ToolOptions.Section))
            .Validate(options => options.MaxRetryAttempts >= 0, "Agent:Tools:MaxRetryAttempts must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<ITool, ClassifyRequestTool>();
        services.AddSingleton<ITool, LookupRecordsTool>();
        services.AddSingleton<ITool, FormatReportTool>();
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<ToolRunner>();
        return services;
    }
}
