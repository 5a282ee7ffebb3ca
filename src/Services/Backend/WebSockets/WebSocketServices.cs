using Netra.Backend.Limits;

namespace Netra.Backend.WebSockets;

public static class WebSocketServices
{
    public const string Path = "/ws";

    /// <summary>The <c>/ws</c> connections: origin policy, per-user limits and the connection registry.</summary>
    public static IServiceCollection AddWebSocketApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<UserRateLimits>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<BackendServices>();
        return services;
    }

    public static IEndpointRouteBuilder MapWebSocketApi(this IEndpointRouteBuilder app)
    {
        // The singletons are resolved once: a handler parameter would be bound from a request scope, which every
        // connection would then hold for its whole life.
        var services = app.ServiceProvider.GetRequiredService<BackendServices>();
        app.Map(Path, context => WebSocketEndpoint.HandleAsync(context, services));
        return app;
    }
}
