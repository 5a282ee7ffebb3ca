using Netra.Agent.Resilience;
using Netra.ServiceDefaults;

namespace Netra.Agent.Llm;

public static class ModelServices
{
    /// <summary>The configured model behind its resilience pipeline, its breaker metrics and readiness check.</summary>
    public static IServiceCollection AddModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.Section))
            .Validate(
                options => options.IsOpenAi
                    ? options.BaseUrl is { IsAbsoluteUri: true } && !string.IsNullOrWhiteSpace(options.Model)
                    : string.Equals(options.Provider, LlmOptions.ScriptedProvider, StringComparison.OrdinalIgnoreCase),
                "Agent:Llm:Provider must be 'scripted' or 'openai' (which needs Agent:Llm:BaseUrl and Agent:Llm:Model).")
            .Validate(options => options.EffectiveTimeout > TimeSpan.Zero, "Agent:Llm:Timeout must be positive.")
            .ValidateOnStart();

        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        if (llm.IsOpenAi)
        {
            // The pipeline's timeout bounds each attempt; the API key header is redacted from HTTP logs.
            services.AddSingleton<ILlmProvider, OpenAiLlmProvider>();
            services.AddHttpClient(OpenAiLlmProvider.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
                .RedactLoggedHeaders(["Authorization"]);
        }
        else
        {
            services.AddSingleton<ILlmProvider, ScriptedLlmProvider>();
        }

        services.AddOptions<RetryOptions>().Bind(configuration.GetSection(RetryOptions.Section))
            .Validate(options => options.MaxRetryAttempts >= 0 && options.BaseDelay >= TimeSpan.Zero, "Agent:Retry is out of range.")
            .ValidateOnStart();
        services.AddOptions<CircuitBreakerOptions>().Bind(configuration.GetSection(CircuitBreakerOptions.Section))
            .Validate(
                options => options.IsValid(),
                "Agent:CircuitBreaker is out of range (MinimumThroughput >= 2, 0 < FailureRatio <= 1, durations >= 500 ms).")
            .ValidateOnStart();
        services.AddSingleton<CircuitBreakerMetrics>();
        services.AddSingleton<ResilientLlm>();
        services.AddHealthChecks().AddCheck<ModelReadinessCheck>("model", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return services;
    }
}
