using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Settings.Configuration;

namespace Netra.ServiceDefaults;

/// <summary>
/// The pieces every Netra service shares: Serilog JSON logs on stdout, problem details, the clock
/// (<see cref="TimeProvider"/>), request binding, <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and the pod's name on every
/// response (<see cref="PodNameHeader"/>).
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks carrying this tag are the ones <c>/readyz</c> runs.</summary>
    public const string ReadyTag = "ready";

    // The sinks Serilog:WriteTo may name (the local run's file, the console), given rather than searched for: a
    // single-file executable (the released netra-operator) has no dependency manifest for Serilog to search.
    private static readonly ConfigurationReaderOptions SinkAssemblies = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly);

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        // Each service keeps its own logger and metrics registry (never the static Log.Logger), so that
        // the local run can host all three in one process without them writing into each other.
        // Serilog:Console=false leaves only the sinks configured under Serilog:WriteTo (the local run
        // sends service logs to files so that its own progress stays readable).
        LogLevelNames.UseSerilogNames(builder.Configuration);
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration, SinkAssemblies)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("service", serviceName);
        if (builder.Configuration.GetValue("Serilog:Console", defaultValue: true))
        {
            logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        }

        var serviceLogger = logger.CreateLogger();
        builder.Services.AddSingleton<Serilog.ILogger>(serviceLogger);
        builder.Services.AddSerilog(serviceLogger, dispose: true);

        var registry = Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<IMetricFactory>(Metrics.WithCustomRegistry(registry));

        // One clock for every service (tests may register another first), and request binding that answers an
        // unreadable body with a 400 problem in every environment, never a Development exception page or a 500.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        // The wire contract is snake_case everywhere.
        builder.Services.ConfigureHttpJsonOptions(
            options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context => ServiceProblems.AddCode(
            context,
            serviceName));
        builder.Services.AddHealthChecks();
        builder.Services.AddPodName(builder.Configuration);
        if (builder.Configuration.GetValue("Hosting:InProcess", defaultValue: false))
        {
            builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, InProcessLifetime>();
        }

        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UsePodNameHeader();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // RequestPath excludes the query string, so no credential in a URL reaches the log.
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = RequestLogLevel;
        });
        app.UseHttpMetrics(options => options.SetMetricFactory(app.Services.GetRequiredService<IMetricFactory>()));

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CollectorRegistry>());
        return app;
    }

    private static LogEventLevel RequestLogLevel(HttpContext context, double elapsedMs, Exception? error)
    {
        if (error is not null || context.Response.StatusCode >= 500)
        {
            return LogEventLevel.Error;
        }

        var path = context.Request.Path;
        return path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics")
            ? LogEventLevel.Verbose
            : LogEventLevel.Information;
    }
}
