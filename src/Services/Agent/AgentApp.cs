using Netra.Agent.Auth;
using Netra.Agent.Capabilities;
using Netra.Agent.Llm;
using Netra.Agent.Resilience;
using Netra.Agent.Runs;
using Netra.Agent.Tools;
using Netra.ServiceDefaults;
using Prometheus;

namespace Netra.Agent;

/// <summary>The agent service: a supervisor running sub-agents and tools behind <c>/v1/runs</c>.</summary>
public static class AgentApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("agent");
        var services = builder.Services;

        services
            .AddServiceTokens(builder.Configuration)
            .AddModel(builder.Configuration)
            .AddTools(builder.Configuration)
            .AddRuns(builder.Configuration);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseServiceTokens(RunsApi.Path);
        app.UseServiceTokens(CapabilitiesApi.Path);
        app.MapRunsApi();
        app.MapCapabilitiesApi();
        app.Lifetime.ApplicationStopping.Register(app.Services.GetRequiredService<RunRegistry>().CancelAll);
        // Built now rather than at the first run, so that /metrics shows the breaker from the start.
        app.Services.GetRequiredService<ResilientLlm>();
        return app;
    }
}
