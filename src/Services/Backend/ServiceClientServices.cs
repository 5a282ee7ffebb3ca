using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Netra.Backend.Auth;
using Polly;

namespace Netra.Backend;

public static class ServiceClientServices
{
    /// <summary>The <c>Services</c> section and the HTTP clients to the auth and agent services it locates.</summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "IHttpClientFactory owns the handlers.")]
    public static IServiceCollection AddServiceClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceUrls>()
            .Bind(configuration.GetSection(ServiceUrls.Section))
            .Validate(urls => urls.AuthUrl is not null, "Services:AuthUrl is required")
            .Validate(urls => urls.AgentUrl is not null, "Services:AgentUrl is required")
            .ValidateOnStart();

        services.AddHttpClient(HttpClientNames.Auth, (provider, client) =>
                client.BaseAddress = BaseAddress(provider.GetRequiredService<IOptions<ServiceUrls>>().Value.AuthUrl))
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
            });

        // Runs stream for as long as the agent works: no overall timeout, only a bounded connect and retries
        // of failures that happen before the stream starts.
        services.AddHttpClient(HttpClientNames.Agent, (provider, client) =>
            {
                client.BaseAddress = BaseAddress(provider.GetRequiredService<IOptions<ServiceUrls>>().Value.AgentUrl);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = int.MaxValue,
            })
            .AddResilienceHandler("agent-runs", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }));
        return services;
    }

    /// <summary>The service URL with a trailing slash, so that relative paths append to it.</summary>
    private static Uri? BaseAddress(Uri? url) =>
        url is null ? null : new Uri(url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/");
}
