using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Netra.Operator.Api.V1Alpha1;
using Netra.Operator.Controller;
using Netra.Operator.Runtime;
using Netra.ServiceDefaults;
using Prometheus;

namespace Netra.Operator.Serve;

/// <summary>
/// The operator process: health and metrics over HTTP, leader election, and, only while leading,
/// the TestRun controller. Every instance answers /healthz and /readyz; only the leader reconciles.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    public const string Component = "netra-operator";

    private readonly Kubernetes _client;
    private readonly WebApplication _web;
    private readonly CancellationTokenSource _stop = new();
    private readonly LeaderElection _election;
    private readonly EventRecorder _events;
    private Task _running = Task.CompletedTask;
    private int _disposed;

    private OperatorHost(Kubernetes client, WebApplication web, LeaderElection election, EventRecorder events, Uri healthAddress)
    {
        _client = client;
        _web = web;
        _election = election;
        _events = events;
        HealthAddress = healthAddress;
    }

    public Uri HealthAddress { get; }

    public bool IsLeader => _election.IsLeader;

    public static async Task<OperatorHost> StartAsync(KubernetesClientConfiguration configuration, ServeOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var client = new Kubernetes(configuration);
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ControllerMetrics(Metrics.WithCustomRegistry(registry), "testrun");
        var logger = loggers.CreateLogger<OperatorHost>();
        var election = new LeaderElection(
            client,
            new LeaderElectionSettings(options.LeaseNamespace, options.LeaseName, options.Identity)
            {
                LeaseDuration = options.LeaseDuration,
                RenewDeadline = options.RenewDeadline,
                RetryPeriod = options.RetryPeriod,
            },
            loggers.CreateLogger<LeaderElection>());
        election.LeadershipChanged += metrics.Leading;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.HealthUrl);
        var web = builder.Build();
        OperatorHost? host = null;
        web.MapGet("/healthz", () => Results.Text("ok"));
        web.MapGet("/readyz", () => host is { Running: true } ? Results.Text("ok") : Results.Text("not running", statusCode: StatusCodes.Status503ServiceUnavailable));
        web.MapMetrics("/metrics", registry);
        var address = await web.StartAndGetAddressAsync(cancellationToken);

        var time = TimeProvider.System;
        var events = new EventRecorder(client, Component, logger, time);
        host = new OperatorHost(client, web, election, events, address);
        var runs = new ObjectCache<TestRun>();
        var jobs = new ObjectCache<V1Job>(TestRunObserver.JobIndex);
        var reconciler = new TestRunReconciler(client, runs, jobs, options.Controller, events, loggers.CreateLogger<TestRunReconciler>(), time);
        var source = new CustomResourceSource<TestRun>(client, TestRun.Group, TestRun.Version, TestRun.Plural);
        var controller = new ControllerHost<TestRun>(source, reconciler, options.Workers, metrics, loggers.CreateLogger<ControllerHost<TestRun>>(), time)
            .Caches(runs)
            .Owns(new JobSource(client, ChildNames.ManagedSelector), TestRunObserver.JobIndex, jobs);
        host._running = election.RunAsync(controller.RunAsync, host._stop.Token);
        return host;
    }

    private bool Running => !_running.IsCompleted;

    /// <summary>Completes when the operator stops; faults if it stopped on its own.</summary>
    public Task Completion => _running;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        await _events.DisposeAsync();
        await _web.StopAsync();
        await _web.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
