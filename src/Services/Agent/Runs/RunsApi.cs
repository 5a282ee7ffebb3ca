using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Netra.Agent.Auth;
using Netra.Agent.Faults;
using Netra.Agent.Supervisor;

namespace Netra.Agent.Runs;

/// <summary><c>POST /v1/runs</c>, <c>GET /v1/runs/{id}</c>, <c>POST /v1/runs/{id}/cancel</c>, all behind a service token.</summary>
public static class RunsApi
{
    /// <summary>Everything under this path needs a service token (see <see cref="ServiceTokenMiddleware"/>).</summary>
    public const string Path = "/v1/runs";

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup(Path);
        // Bounded before the body is read: the largest valid request is far smaller.
        runs.MapPost("/", Start).WithMetadata(new RequestSizeLimitAttribute(RunRequestValidator.MaxRequestBytes));
        runs.MapGet("/{runId}", Get);
        runs.MapPost("/{runId}/cancel", Cancel);
        return app;
    }

    private static Results<RunStreamResult, ProblemHttpResult> Start(
        RunRequest request,
        ClaimsPrincipal caller,
        RunRegistry registry,
        RunMetrics metrics,
        IOptions<FaultInjectionOptions> faultInjection,
        TimeProvider time)
    {
        var faults = RunRequestValidator.Validate(request, faultInjection.Value.Enabled, out var refusal);
        if (refusal is not null)
        {
            metrics.Rejected(refusal.Code);
            return AgentProblems.Create(StatusCodes.Status400BadRequest, refusal.Code, "The run request is invalid.", refusal.Detail);
        }

        var run = new Run(
            request.RunId ?? Guid.NewGuid().ToString("N"),
            caller.ClientId(),
            request.UserId!,
            request.ThreadId!,
            request.Input!,
            AgentRouter.Route(request.Agent, request.Input!),
            faults!,
            time.GetUtcNow());
        var admission = registry.TryAdmit(run);
        if (admission == RunRegistry.Admission.Admitted)
        {
            return new RunStreamResult(run);
        }

        run.Dispose();
        var problem = admission switch
        {
            RunRegistry.Admission.DuplicateRunId => AgentProblems.Create(
                StatusCodes.Status409Conflict, "run_conflict", "A run with this run_id is already active."),
            RunRegistry.Admission.UserAtCapacity => AgentProblems.Create(
                StatusCodes.Status429TooManyRequests, "resource_exhausted", "Too many runs at once for this user; retry shortly."),
            _ => AgentProblems.Create(StatusCodes.Status429TooManyRequests, "resource_exhausted", "Too many runs at once; retry shortly."),
        };
        metrics.Rejected(admission == RunRegistry.Admission.DuplicateRunId ? "run_conflict" : "resource_exhausted");
        return problem;
    }

    private static Results<Ok<RunView>, ProblemHttpResult> Get(
        string runId,
        [FromQuery(Name = "user_id")] string? userId,
        ClaimsPrincipal caller,
        RunRegistry registry) =>
        FindOwned(runId, userId, caller, registry) is { } run ? TypedResults.Ok(RunView.Of(run)) : AgentProblems.RunNotFound();

    private static Results<Accepted<RunView>, ProblemHttpResult> Cancel(
        string runId,
        [FromQuery(Name = "user_id")] string? userId,
        ClaimsPrincipal caller,
        RunRegistry registry)
    {
        if (FindOwned(runId, userId, caller, registry) is not { } run)
        {
            return AgentProblems.RunNotFound();
        }

        run.Cancel();
        return TypedResults.Accepted((string?)null, RunView.Of(run));
    }

    /// <summary>
    /// A run is visible only to the service client that started it and, when the caller names a
    /// <c>user_id</c>, only for that user; anything else is indistinguishable from an unknown run.
    /// </summary>
    private static Run? FindOwned(string runId, string? userId, ClaimsPrincipal caller, RunRegistry registry) =>
        registry.Find(caller.ClientId(), runId) is { } run && (userId is null || userId == run.UserId) ? run : null;
}
