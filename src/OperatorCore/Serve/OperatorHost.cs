using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Gate;
using Netra.Operator.Core.TestRuns;
using Netra.Operator.Core.Schedules;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Status;
using Netra.Operator.Core.Ui;
using Prometheus;

namespace Netra.Operator.Core.Serve;

/// <summary>
/// The operator process: health and metrics over HTTP, leader election (when on), and, only while leading,
/// the TestRun and TestRunSchedule controllers. Every instance answers /healthz and /readyz; only the leader reconciles.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    public const string Component = "netra-operator";

    private readonly Kubernetes _client;
    private readonly HealthEndpoints _health;
    private readonly CancellationTokenSource _stop = new();
    private readonly LeaderElection _election;
    private readonly EventRecorder _events;
    private GateServer? _gate;
    private UiServer? _ui;
    private Task _running = Task.CompletedTask;
    private Task _readiness = Task.CompletedTask;
    private bool _leaderElect;
    private int _disposed;

    private OperatorHost(Kubernetes client, HealthEndpoints health, LeaderElection election, EventRecorder events)
    {
        _client = client;
        _health = health;
        _election = election;
        _events = events;
    }

    public Uri HealthAddress => _health.Address;

    /// <summary>Where the gate answers, or null when it is off.</summary>
    public Uri? GateAddress => _gate?.Address;

    /// <summary>Where the results UI answers, or null when it is off.</summary>
    public Uri? UiAddress => _ui?.Address;

    /// <summary>Leading the Lease, or, without leader election, reconciling.</summary>
    public bool IsLeader => _leaderElect ? _election.IsLeader : Running;

    public static OperatorHost Start(KubernetesClientConfiguration configuration, ServeOptions options, ILoggerFactory loggers)
    {
        var client = new Kubernetes(configuration);
        var registry = Metrics.NewCustomRegistry();
        // process_* and dotnet_* series: memory, CPU, GC counts, as operators expect of a Prometheus target.
        DotNetStats.Register(registry);
        var metrics = new ControllerMetrics(Metrics.WithCustomRegistry(registry), TestRunController.Name);
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

        OperatorHost? host = null;
        var readiness = new ApiReadiness(client, options, logger);
        var health = HealthEndpoints.Start(options.HealthUrl, registry, () => host is { Running: true } && readiness.Ready);
        var time = TimeProvider.System;
        var events = new EventRecorder(client, Component, logger, time);
        host = new OperatorHost(client, health, election, events);
        var controller = TestRunController.Create(
            client, options.Controller, events, Metrics.WithCustomRegistry(registry), metrics, loggers, options.Workers, time);
        var schedules = ScheduleController.Create(
            client, events, Metrics.WithCustomRegistry(registry), loggers, options.Workers, time, options.Controller.Policy);
        Func<CancellationToken, Task> controllers = stop => ControllerGroup.RunAsync(stop, controller.RunAsync, schedules.RunAsync);
        // Every instance answers the gate, leading or not: it reads and creates TestRuns, it reconciles nothing.
        host._gate = options.Gate is { } gate ? GateServer.Start(client, gate, loggers) : null;
        host._ui = options.Ui is { } ui ? UiServer.Start(client, ui, loggers, time) : null;
        host._leaderElect = options.LeaderElect;
        host._readiness = readiness.RunAsync(host._stop.Token);
        host._running = options.LeaderElect
            ? election.RunAsync(controllers, host._stop.Token)
            : RunAloneAsync(controllers, metrics, host._stop.Token);
        return host;
    }

    /// <summary>Without leader election: this instance reconciles from the start until it is stopped.</summary>
    private static async Task RunAloneAsync(
        Func<CancellationToken, Task> controllers, ControllerMetrics metrics, CancellationToken cancellationToken)
    {
        metrics.Leading(true);
        try
        {
            await controllers(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            metrics.Leading(false);
        }
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

        await _readiness;

        await _events.DisposeAsync();
        if (_gate is not null)
        {
            await _gate.DisposeAsync();
        }

        if (_ui is not null)
        {
            await _ui.DisposeAsync();
        }

        await _health.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
