using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Netra.ServiceDefaults;

namespace Netra.Agent.Bench;

/// <summary>
/// The limit beside the agent: a bare Kestrel endpoint in this process answering <c>POST /v1/runs</c> with one event and a
/// final report, so that <see cref="RunClient"/> measures what HTTP and an event stream cost with nothing of the agent around them.
/// </summary>
internal static class BareEventStream
{
    private const string Events = "event: run_started\ndata: {}\n\nevent: final_report\ndata: {}\n\n";

    public static async Task<(WebApplication App, Uri Url)> StartAsync()
    {
        var app = WebApplication.CreateSlimBuilder([LoopbackHosting.FreeLoopbackPort, "--Logging:LogLevel:Default=Warning"]).Build();
        app.MapPost("/v1/runs", async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(Events, context.RequestAborted);
        });
        return (app, await app.StartAndGetAddressAsync());
    }
}
