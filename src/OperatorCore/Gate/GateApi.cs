using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// The gate's routes: a TestRun's verdict, a schedule's run's verdict (Argo Rollouts' and Kargo's <c>web</c> metric
/// provider), and Flagger's webhooks. Every request names its namespace and is authorized there for its caller.
/// </summary>
public static partial class GateApi
{
    public const string TestRunPath = "/v1/namespaces/{namespace}/testruns/{name}";
    public const string SchedulePath = "/v1/namespaces/{namespace}/testrunschedules/{name}";
    public const string FlaggerPath = "/v1/flagger/{hook}";

    public static IEndpointRouteBuilder MapGateApi(this IEndpointRouteBuilder app, VerdictEndpoints verdicts, FlaggerWebhook flagger)
    {
        app.MapGet(TestRunPath, verdicts.TestRunAsync);
        app.MapGet(SchedulePath, verdicts.ScheduleAsync);
        app.MapPost(FlaggerPath, flagger.AnswerAsync);
        return app;
    }

    /// <summary>The bearer token of the Authorization header, or null.</summary>
    public static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;

    /// <summary>A namespace or object name as Kubernetes allows one (DNS-1123 subdomain), before it goes into an API path.</summary>
    public static bool IsName(string? value) => value is { Length: > 0 and <= 253 } && NamePattern().IsMatch(value);

    public static IResult Problem(int statusCode, string detail) =>
        TypedResults.Json(GateProblem.Of(statusCode, detail), GateJson.Default.GateProblem, GateProblem.ContentType, statusCode);

    /// <summary>A refusal as its answer; a 401 says which scheme to use, as RFC 9110 asks.</summary>
    public static IResult Refused(HttpContext context, Refusal refusal)
    {
        if (refusal.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Problem(refusal.StatusCode, refusal.Message);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex NamePattern();
}
