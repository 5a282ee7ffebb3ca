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
        app.Map(Path, WebSocketEndpoint.HandleAsync);
        return app;
    }
}
