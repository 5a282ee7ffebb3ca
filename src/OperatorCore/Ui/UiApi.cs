using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Netra.Operator.Core.Ui.Pages;

namespace Netra.Operator.Core.Ui;

/// <summary>
/// The UI's routes, all reads but the login and logout forms. Every answer forbids scripts, frames and other sites'
/// resources (Content-Security-Policy) and caching by anyone else; pages wait for the caches' first full list.
/// </summary>
public static class UiApi
{
    public const string RunPath = "/namespaces/{namespace}/testruns/{name}";
    public const string SchedulePath = "/namespaces/{namespace}/testrunschedules/{name}";

    private const string Policy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The longest a page waits for the caches' first list after the operator started.</summary>
    private static readonly TimeSpan SyncWait = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapUiApi(this WebApplication app, UiEndpoints pages, UiCache cache)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            if (!await Synced(cache))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                await context.Response.WriteAsync("The operator is still reading the cluster's runs; try again in a moment.");
                return;
            }

            await next(context);
        });
        app.MapGet("/", Answer(_ => Task.FromResult<IResult>(TypedResults.Redirect("/runs"))));
        app.MapGet("/ui.css", Answer(_ => Task.FromResult<IResult>(TypedResults.Text(Stylesheet.Css, "text/css; charset=utf-8"))));
        app.MapGet("/login", Answer(pages.LoginFormAsync));
        app.MapPost("/login", Answer(pages.LogInAsync));
        app.MapPost("/logout", Answer(pages.LogOutAsync));
        app.MapGet("/runs", Answer(pages.RunsAsync));
        app.MapGet(RunPath, Answer(pages.RunAsync));
        app.MapGet(SchedulePath, Answer(pages.ScheduleAsync));
        return app;
    }

    /// <summary>A page's answer, written (a plain request delegate: nothing reflected, as ahead-of-time compiling needs).</summary>
    private static RequestDelegate Answer(Func<HttpContext, Task<IResult>> page) =>
        async context => await (await page(context)).ExecuteAsync(context);

    private static async Task<bool> Synced(UiCache cache)
    {
        try
        {
            await cache.Synced.WaitAsync(SyncWait);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
