namespace Netra.Agent.Auth;

/// <summary>
/// Guards a branch of the pipeline with <see cref="ServiceTokenValidator"/> before anything reads the
/// request; the caller's claims become <c>HttpContext.User</c>.
/// </summary>
public static class ServiceTokenMiddleware
{
    public static IApplicationBuilder UseServiceTokens(this IApplicationBuilder app, PathString guardedPath) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(guardedPath), branch => branch.Use(RequireServiceTokenAsync));

    private static async Task RequireServiceTokenAsync(HttpContext context, RequestDelegate next)
    {
        var validator = context.RequestServices.GetRequiredService<ServiceTokenValidator>();
        var outcome = await validator.ValidateAsync(context.Request.Headers.Authorization, context.RequestAborted);
        if (outcome.Problem is { } problem)
        {
            if (problem.StatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            }

            await problem.ExecuteAsync(context);
            return;
        }

        context.User = outcome.Principal!;
        await next(context);
    }
}
