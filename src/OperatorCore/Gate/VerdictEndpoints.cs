using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// <c>GET</c> a verdict, as Argo Rollouts' <c>web</c> metric provider asks for one at each measurement: always 200
/// with the verdict while there is something to judge, so that a run in progress reads as neither success nor failure.
/// </summary>
public sealed class VerdictEndpoints(GateRuns runs, CallerAccess access, GateOptions options)
{
    private static readonly ResourceVerb GetRuns = new("get", TestRun.Plural);
    private static readonly ResourceVerb GetSchedules = new("get", TestRunSchedule.Plural);

    public async Task TestRunAsync(HttpContext context)
    {
        var (ns, name) = (context.GetRouteValue("namespace") as string, context.GetRouteValue("name") as string);
        var answer = !GateApi.IsName(ns) || !GateApi.IsName(name) ? GateApi.Problem(400, "Not a namespace and name.")
            : await access.CheckAsync(GateApi.BearerToken(context.Request), ns!, [GetRuns], context.RequestAborted) is { } refusal
                ? GateApi.Refused(context, refusal)
            : await runs.ReadAsync(ns!, name!, context.RequestAborted) is { } run ? Verdict(GateVerdicts.Of(run, options.ReportUrl))
            : GateApi.Problem(404, $"No TestRun {ns}/{name}.");
        await answer.ExecuteAsync(context);
    }

    /// <summary>The newest run of the schedule for <c>?revision=</c> (any revision without it); in progress until there is one.</summary>
    public async Task ScheduleAsync(HttpContext context)
    {
        var (ns, name) = (context.GetRouteValue("namespace") as string, context.GetRouteValue("name") as string);
        var revision = context.Request.Query["revision"].ToString() is { Length: > 0 } asked ? asked : null;
        var token = GateApi.BearerToken(context.Request);
        var answer = !GateApi.IsName(ns) || !GateApi.IsName(name) ? GateApi.Problem(400, "Not a namespace and name.")
            : await access.CheckAsync(token, ns!, [GetSchedules, GetRuns], context.RequestAborted) is { } refusal
                ? GateApi.Refused(context, refusal)
            : await runs.ReadScheduleAsync(ns!, name!, context.RequestAborted) is not { } schedule
                ? GateApi.Problem(404, $"No TestRunSchedule {ns}/{name}.")
            : await runs.NewestRunAsync(schedule, revision, context.RequestAborted) is { } run
                ? Verdict(GateVerdicts.Of(run, options.ReportUrl))
            : Verdict(GateVerdicts.NotStarted(ns!, name!, revision));
        await answer.ExecuteAsync(context);
    }

    private static JsonHttpResult<GateVerdict> Verdict(GateVerdict verdict) => TypedResults.Json(verdict, GateJson.Default.GateVerdict);
}
