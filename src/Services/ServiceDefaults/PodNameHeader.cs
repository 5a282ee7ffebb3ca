using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Netra.ServiceDefaults;

/// <summary>
/// Every response says which pod answered, in <c>Netra-Pod</c>, so that a probe can tell which revision it reached. Set as
/// the response starts, so that it is there whatever wrote the response: an endpoint, a problem, the exception handler
/// (which clears the headers first) or the WebSocket upgrade's 101.
/// </summary>
public static class PodNameHeader
{
    public const string Name = "Netra-Pod";

    public static IServiceCollection AddPodName(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<PodNameOptions>(options =>
        {
            if (configuration[PodNameOptions.Key] is { Length: > 0 } name)
            {
                options.Name = name;
            }
        });

    public static IApplicationBuilder UsePodNameHeader(this IApplicationBuilder app)
    {
        var podName = app.ApplicationServices.GetRequiredService<IOptions<PodNameOptions>>().Value.Name;
        return app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                response.Headers[Name] = podName;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
