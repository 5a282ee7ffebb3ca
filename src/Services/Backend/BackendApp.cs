using Netra.Backend.AgentRuns;
using Netra.Backend.Auth;
using Netra.Backend.Sessions;
using Netra.Backend.Threads;
using Netra.Backend.WebSockets;
using Netra.ServiceDefaults;

namespace Netra.Backend;

/// <summary>The backend WebSocket service: threads, streaming of agent runs, reconnection.</summary>
public static class BackendApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ApplicationName = typeof(BackendApp).Assembly.GetName().Name });
        builder.AddServiceDefaults("backend");

        // Hosted services start in this order: interrupted runs are marked before expired sessions are swept.
        builder.Services
            .AddBackendOptions(builder.Configuration, builder.Environment)
            .AddServiceClients(builder.Configuration)
            .AddThreads(builder.Configuration)
            .AddUserAuth(builder.Configuration)
            .AddAgentRuns(builder.Configuration)
            .AddSessions(builder.Configuration)
            .AddWebSocketApi(builder.Configuration);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseWebSockets();
        app.MapWebSocketApi();
        return app;
    }
}
