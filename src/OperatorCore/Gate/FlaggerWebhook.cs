using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// <c>POST /v1/flagger/{hook}</c> with Flagger's payload: the gating hooks start the canary's TestRun (one per canary
/// and checksum) from the TestRunSchedule named in the webhook's metadata, and answer 2xx only once it passed.
/// </summary>
/// <remarks>
/// Flagger sends no headers of its own choosing, so a caller without an Authorization header may put its token in the
/// webhook's metadata as <c>token</c> (Flagger's documented example does the same for its load tester).
/// </remarks>
public sealed class FlaggerWebhook(GateRuns runs, CallerAccess access, GateOptions options, ILogger logger)
{
    public const string TokenKey = "token";

    private static readonly ResourceVerb GetRuns = new("get", TestRun.Plural);
    private static readonly ResourceVerb CreateRuns = new("create", TestRun.Plural);
    private static readonly ResourceVerb GetSchedules = new("get", TestRunSchedule.Plural);

    public async Task AnswerAsync(HttpContext context)
    {
        await (await DecideAsync(context)).ExecuteAsync(context);
    }

    private async Task<IResult> DecideAsync(HttpContext context)
    {
        if (FlaggerHooks.Parse(context.GetRouteValue("hook") as string) is not { } hook)
        {
            return GateApi.Problem(
                404, "Not a Flagger hook the gate answers: pre-rollout, rollout, confirm-promotion, post-rollout, rollback.");
        }

        FlaggerPayload? canary;
        try
        {
            canary = await JsonSerializer.DeserializeAsync(context.Request.Body, GateJson.Default.FlaggerPayload, context.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge)
        {
            return GateApi.Problem(tooLarge.StatusCode, $"The payload is over {GateOptions.MaxRequestBodyBytes} bytes.");
        }
        catch (JsonException)
        {
            return GateApi.Problem(400, "The body is not Flagger's webhook payload (JSON).");
        }

        if (canary is null || !GateApi.IsName(canary.Name) || !GateApi.IsName(canary.Namespace))
        {
            return GateApi.Problem(400, "The payload needs the canary's name and namespace.");
        }

        var token = GateApi.BearerToken(context.Request) ?? canary.Metadata?.GetValueOrDefault(TokenKey);
        ResourceVerb[] needs = FlaggerHooks.StartsRun(hook) ? [GetRuns, CreateRuns, GetSchedules] : [GetRuns];
        if (await access.CheckAsync(token, canary.Namespace!, needs, context.RequestAborted) is { } refusal)
        {
            return GateApi.Refused(context, refusal);
        }

        var ns = canary.Namespace!;
        var name = FlaggerRuns.Name(ns, canary.Name!, canary.Checksum ?? string.Empty);
        var run = await runs.ReadAsync(ns, name, context.RequestAborted);
        if (run is null && FlaggerHooks.StartsRun(hook))
        {
            var scheduleName = canary.Metadata?.GetValueOrDefault(FlaggerRuns.ScheduleKey);
            if (!GateApi.IsName(scheduleName))
            {
                return GateApi.Problem(
                    400, $"The webhook's metadata must name the TestRunSchedule to run as '{FlaggerRuns.ScheduleKey}'.");
            }

            if (await runs.ReadScheduleAsync(ns, scheduleName!, context.RequestAborted) is not { } schedule)
            {
                return GateApi.Problem(404, $"No TestRunSchedule {ns}/{scheduleName} to take the run's template from.");
            }

            run = await runs.CreateOrReadAsync(FlaggerRuns.Create(canary, schedule), context.RequestAborted);
            logger.LogInformation("Gate: TestRun {Namespace}/{Run} for Flagger canary {Canary} at checksum {Checksum}",
                ns, name, canary.Name, canary.Checksum);
        }

        var verdict = run is null ? null : GateVerdicts.Of(run, options.ReportUrl);
        var status = FlaggerHooks.Answer(hook, verdict);
        return verdict is null
            ? GateApi.Problem(status, $"No TestRun for canary {ns}/{canary.Name} at checksum {canary.Checksum}.")
            : TypedResults.Json(verdict, GateJson.Default.GateVerdict, statusCode: status);
    }
}
