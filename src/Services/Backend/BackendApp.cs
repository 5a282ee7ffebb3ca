using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Netra.Backend.AgentRuns;
using Netra.Backend.Auth;
using Netra.Backend.Limits;
using Netra.Backend.Sessions;
using Netra.Backend.Threads;
using Netra.Backend.WebSockets;
using Netra.ServiceDefaults;
using Polly;

namespace Netra.Backend;

/// <summary>The backend WebSocket service: threads, streaming of agent runs, reconnection.</summary>
public static class BackendApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(BackendApp).Assembly.GetName().Name });
        builder.AddServiceDefaults("backend");
        AddOptions(builder);
        AddHttpClients(builder.Services);

        var services = builder.Services;
        services.AddSingleton<ThreadStore>();
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<AuthIntrospectionClient>();
        services.AddSingleton<UserTokenValidator>();
        services.AddSingleton<ServiceTokenProvider>();
        services.AddSingleton<AgentClient>();
        services.AddSingleton<AgentRunRelay>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<UserRateLimits>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<BackendServices>();
        services.AddHostedService<InterruptedRunMarker>();
        services.AddHostedService<SessionExpirySweeper>();
        services.AddHealthChecks().AddCheck<ThreadStoreHealthCheck>("thread-store", tags: [ServiceDefaultsExtensions.ReadyTag]);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseWebSockets();
        app.Map("/ws", WebSocketEndpoint.HandleAsync);
        return app;
    }

    private static void AddOptions(WebApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<BackendOptions>()
            .BindConfiguration(BackendOptions.Section)
            .PostConfigure(options =>
            {
                if (isDevelopment && string.IsNullOrEmpty(options.ClientSecret) && options.ClientId == BackendOptions.DevelopmentClientId)
                {
                    options.ClientSecret = BackendOptions.DevelopmentClientSecret;
                }
            })
            .Validate(options => !string.IsNullOrEmpty(options.ClientSecret), "Backend:ClientSecret is required outside Development")
            .Validate(options => options.MaxFrameBytes > 0 && options.MessagesPerMinute > 0 && options.SendQueueCapacity > 0
                && options.ReplayBufferSize > 0 && options.MaxConnectionsPerUser > 0 && options.SendQueueBytes > 0
                && options.ReplayBufferBytes > 0 && options.HistoryPageBytes > 0 && options.AuthRefreshesPerMinute > 0, "Backend limits must be positive")
            .Validate(options => options.AuthRecheckInterval > TimeSpan.Zero, "Backend:AuthRecheckInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddOptions<ServiceUrls>()
            .BindConfiguration(ServiceUrls.Section)
            .Validate(urls => urls.AuthUrl is not null, "Services:AuthUrl is required")
            .Validate(urls => urls.AgentUrl is not null, "Services:AgentUrl is required")
            .ValidateOnStart();
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "IHttpClientFactory owns the handlers.")]
    private static void AddHttpClients(IServiceCollection services)
    {
        services.AddHttpClient(HttpClientNames.Auth, (provider, client) => client.BaseAddress = BaseAddress(provider.GetRequiredService<IOptions<ServiceUrls>>().Value.AuthUrl))
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
    }

    /// <summary>The service URL with a trailing slash, so that relative paths append to it.</summary>
    private static Uri? BaseAddress(Uri? url) =>
        url is null ? null : new Uri(url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/");
}
