using k8s.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.Operator.Core.Ui.Pages;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Ui;

/// <summary>
/// The UI's pages: who is looking (<see cref="Viewers"/>), what they may read (<see cref="NamespaceAccess"/>, per
/// namespace), then the page from the UI's caches. Nothing here writes to the cluster.
/// </summary>
public sealed class UiEndpoints(
    UiCache cache, Viewers viewers, CallerAccess callers, NamespaceAccess access, PageCache pages, UiOptions options, TimeProvider time,
    ILogger logger)
{
    public static readonly ResourceVerb ListRuns = new("list", TestRun.Plural);
    public static readonly ResourceVerb GetRun = new("get", TestRun.Plural);
    public static readonly ResourceVerb GetSchedule = new("get", TestRunSchedule.Plural);

    public Task<IResult> LoginFormAsync(HttpContext context)
    {
        var then = Then(context.Request.Query["then"]);
        return Task.FromResult<IResult>(viewers.Who(context.Request) is not null
            ? TypedResults.Redirect(then)
            : Page(LoginTitle, LoginPage.Body(then, null), null));
    }

    public async Task<IResult> LogInAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var then = Then(form["then"]);
        var (user, refusal) = await callers.ReviewAsync(form["token"].ToString().Trim(), cancellationToken);
        if (user is null)
        {
            logger.LogInformation("UI: a login was refused ({Status})", refusal!.StatusCode);
            return Page(LoginTitle, LoginPage.Body(then, refusal.Message), null, refusal.StatusCode);
        }

        viewers.LogIn(context, user);
        logger.LogInformation("UI: {User} logged in", user.Username);
        return TypedResults.Redirect(then);
    }

    public Task<IResult> LogOutAsync(HttpContext context)
    {
        viewers.LogOut(context);
        return Task.FromResult<IResult>(TypedResults.Redirect("/login"));
    }

    public async Task<IResult> RunsAsync(HttpContext context)
    {
        var (request, cancellationToken) = (context.Request, context.RequestAborted);
        if (viewers.Who(request) is not { } user)
        {
            return ToLogin(request);
        }

        var runs = cache.Runs;
        var schedules = cache.Schedules;
        var readable = await access.AllowedAsync(
            user, runs.Select(r => r.Metadata.NamespaceProperty).Concat(schedules.Select(s => s.Metadata.NamespaceProperty)), ListRuns,
            cancellationToken);
        var query = new RunsQuery(
            request.Query["namespace"], request.Query["schedule"], request.Query["phase"], request.Query["reason"],
            int.TryParse(request.Query["page"], out var page) ? page : 1);
        var visible = query with { Phase = null, Reason = null };
        var reasons = visible.Apply(runs, readable).Select(r => Html.Verdict(r.Status)?.Reason).OfType<string>().Distinct().Order().ToList();
        var matching = query.Apply(runs, readable);
        var shownSchedules = schedules
            .Where(s => readable.Contains(s.Metadata.NamespaceProperty))
            .OrderBy(s => s.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var body = RunsPage.Body(query, matching, shownSchedules, readable, reasons, options.RunsPerPage, time.GetUtcNow());
        var inProgress = matching.Take(options.RunsPerPage).Any(r => !Html.IsFinished(r));
        return Page("Runs", body, user.Username, refresh: inProgress);
    }

    public async Task<IResult> RunAsync(HttpContext context)
    {
        var (ns, name) = Named(context);
        var (user, refusal) = await PermittedAsync(context, ns, GetRun);
        if (user is null)
        {
            return refusal!;
        }

        if (cache.Run(ns, name) is not { } run)
        {
            return NotFound(user, $"No TestRun {ns}/{name}.");
        }

        var body = await pages.GetOrRenderAsync(
            $"run/{run.Metadata.Uid}/{run.Metadata.ResourceVersion}", () => Task.FromResult(RunPage.Body(run, null)));
        return Page($"TestRun {name}", body, user.Username, refresh: !Html.IsFinished(run));
    }

    public async Task<IResult> ScheduleAsync(HttpContext context)
    {
        var (ns, name) = Named(context);
        var (user, refusal) = await PermittedAsync(context, ns, GetSchedule);
        if (user is null)
        {
            return refusal!;
        }

        if (cache.Schedule(ns, name) is not { } schedule)
        {
            return NotFound(user, $"No TestRunSchedule {ns}/{name}.");
        }

        var runs = cache.Runs.Where(r => ScheduledRuns.OwnerKey(r) == $"{ns}/{name}").ToList();
        var body = SchedulePage.Body(schedule, runs, time.GetUtcNow());
        return Page($"TestRunSchedule {name}", body, user.Username, refresh: runs.Any(r => !Html.IsFinished(r)));
    }

    /// <summary>The viewer, when they may <paramref name="need"/> in <paramref name="ns"/>; else where to send them instead.</summary>
    private async Task<(V1UserInfo? User, IResult? Refusal)> PermittedAsync(HttpContext context, string ns, ResourceVerb need)
    {
        if (viewers.Who(context.Request) is not { } user)
        {
            return (null, ToLogin(context.Request));
        }

        return await access.AllowedAsync(user, ns, need, context.RequestAborted) ? (user, null) : (null, NotAllowed(user, ns, need));
    }

    private const string LoginTitle = "Log in";

    private static (string Namespace, string Name) Named(HttpContext context) =>
        ((string)context.GetRouteValue("namespace")!, (string)context.GetRouteValue("name")!);

    private static RedirectHttpResult ToLogin(HttpRequest request) =>
        TypedResults.Redirect("/login?then=" + Html.U(request.Path + request.QueryString));

    private static ContentHttpResult NotAllowed(V1UserInfo user, string ns, ResourceVerb need) =>
        Page("Not allowed", $"<p class=\"error\">{Html.E(user.Username)} may not {Html.E(need.ToString())} in namespace {Html.E(ns)}.</p>",
            user.Username, status: StatusCodes.Status403Forbidden);

    private static ContentHttpResult NotFound(V1UserInfo user, string message) =>
        Page("Not found", $"<p class=\"error\">{Html.E(message)}</p>", user.Username, status: StatusCodes.Status404NotFound);

    private static ContentHttpResult Page(string title, string body, string? viewer, int status = StatusCodes.Status200OK, bool refresh = false) =>
        TypedResults.Content(Layout.Page(title, body, viewer, refresh), "text/html; charset=utf-8", statusCode: status);

    /// <summary>Where to go after logging in: a path of this UI only, never another site.</summary>
    private static string Then(string? then) =>
        then is { Length: > 1 } path && path[0] == '/' && path[1] is not ('/' or '\\') ? path : "/runs";
}
