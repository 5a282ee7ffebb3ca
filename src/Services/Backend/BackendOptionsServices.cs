namespace Netra.Backend;

public static class BackendOptionsServices
{
    /// <summary>
    /// The <c>Backend</c> section, validated at start; in Development the backend's own client secret defaults to
    /// the development one.
    /// </summary>
    public static IServiceCollection AddBackendOptions(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var isDevelopment = environment.IsDevelopment();
        services.AddOptions<BackendOptions>()
            .Bind(configuration.GetSection(BackendOptions.Section))
            .PostConfigure(options =>
            {
                if (isDevelopment && string.IsNullOrEmpty(options.ClientSecret)
                    && options.ClientId == BackendOptions.DevelopmentClientId)
                {
                    options.ClientSecret = BackendOptions.DevelopmentClientSecret;
                }
            })
            .Validate(options => !string.IsNullOrEmpty(options.ClientSecret), "Backend:ClientSecret is required outside Development")
            .Validate(LimitsArePositive, "Backend limits must be positive")
            .Validate(options => options.AuthRecheckInterval > TimeSpan.Zero, "Backend:AuthRecheckInterval must be positive")
            .ValidateOnStart();
        return services;
    }

    private static bool LimitsArePositive(BackendOptions options) =>
        options.MaxFrameBytes > 0 && options.MessagesPerMinute > 0 && options.SendQueueCapacity > 0
        && options.ReplayBufferSize > 0 && options.MaxConnectionsPerUser > 0 && options.SendQueueBytes > 0
        && options.ReplayBufferBytes > 0 && options.HistoryPageBytes > 0 && options.AuthRefreshesPerMinute > 0
        && options.MaxSessionsPerUser > 0;
}
