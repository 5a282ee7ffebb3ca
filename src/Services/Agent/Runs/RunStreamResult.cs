using Microsoft.AspNetCore.Http.Features;
using Netra.Agent.Supervisor;

namespace Netra.Agent.Runs;

/// <summary>
/// The <c>200 text/event-stream</c> answer of an admitted run: executes the run while the client
/// listens. A client that disconnects cancels its run; the run's slot is released when it ends.
/// </summary>
public sealed class RunStreamResult(Run run) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var registry = services.GetRequiredService<RunRegistry>();
        var time = services.GetRequiredService<TimeProvider>();
        var status = RunStatus.Failed;
        try
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            using var disconnected = httpContext.RequestAborted.Register(run.Cancel);
            using var events = new RunEventWriter(response, run, time);
            status = await services.GetRequiredService<AgentSupervisor>().RunAsync(run, events);
        }
        finally
        {
            registry.Finish(run, status, time.GetUtcNow());
        }
    }
}
