using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Spectre.Console;

namespace Netra.Operator.Local;

/// <summary>
/// The cluster the local run's controller works against, in memory: the namespaces, ConfigMaps and Jobs
/// it creates. A Job created here runs at once in this process, as a kubelet and the job controller would
/// run it: a deploy Job starts the services (<see cref="DeployJobRunner"/>), a probe Job runs the probes
/// (<see cref="ProbeJobRunner"/>); its end is recorded as Complete or Failed with the termination message,
/// and wakes whoever waits for a change. A Job past its <c>activeDeadlineSeconds</c> is stopped and Failed.
/// </summary>
public sealed class InMemoryCluster(IAnsiConsole console, ScenarioReports reports) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, JobObservation> _jobs = new();
    private readonly ConcurrentDictionary<string, V1ConfigMap> _configMaps = new();
    private readonly ConcurrentDictionary<string, bool> _namespaces = new();
    private readonly List<Task> _running = [];
    private readonly DeployJobRunner _deployer = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _changed = new(0);

    /// <summary>Where the services of an Ephemeral run's namespace run, once deployed.</summary>
    public LocalEnvironment? EnvironmentIn(string ns) => _deployer.EnvironmentIn(ns);

    public TestRunObservation Observe(TestRun run)
    {
        var environmentNamespace = ChildNames.EnvironmentNamespace(run);
        var presence = _namespaces.ContainsKey(environmentNamespace) ? ChildPresence.Present : ChildPresence.Absent;
        var deployJob = _jobs.GetValueOrDefault(Key(environmentNamespace, ChildNames.DeployJob));
        var probeJobs = _jobs
            .Where(j => j.Key.StartsWith(run.Metadata.NamespaceProperty + "/", StringComparison.Ordinal))
            .ToDictionary(j => j.Value.Name, j => j.Value);
        return new TestRunObservation(run, presence, deployJob, probeJobs);
    }

    /// <summary>Applies a decision's actions, each idempotent as on an API server (finalizers on the run itself).</summary>
    public async Task ApplyAsync(TestRun run, IReadOnlyList<ChildAction> actions, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case AddFinalizer:
                    run.Metadata.Finalizers = [.. run.Metadata.Finalizers ?? [], ChildNames.Finalizer];
                    break;
                case RemoveFinalizer:
                    run.Metadata.Finalizers = [.. (run.Metadata.Finalizers ?? []).Where(f => f != ChildNames.Finalizer)];
                    break;
                case DeleteRun:
                    // The local run's TestRun is the file it was read from: nothing to delete.
                    break;
                case DeleteNamespace delete:
                    await DeleteNamespaceAsync(delete.Name, keepFiles: false);
                    break;
                case CreateChild { Child: V1Namespace ns }:
                    _namespaces.TryAdd(ns.Metadata.Name, true);
                    break;
                case CreateChild { Child: V1ConfigMap configMap }:
                    _configMaps.TryAdd(Key(configMap.Metadata), configMap);
                    break;
                case CreateChild { Child: V1Job job }:
                    Start(job);
                    break;
                case CreateChild:
                    // Accounts, bindings, quotas and network policies only matter to an API server.
                    break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Waits until a Job ends or <paramref name="timeout"/> passes (forever when null).</summary>
    public async Task WaitForChangeAsync(TimeSpan? timeout, CancellationToken cancellationToken) =>
        await _changed.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// Stops the services of a namespace and forgets it; with <paramref name="keepFiles"/> their logs and databases stay.
    /// </summary>
    public async Task DeleteNamespaceAsync(string ns, bool keepFiles)
    {
        _namespaces.TryRemove(ns, out _);
        await _deployer.RemoveAsync(ns, keepFiles);
        _changed.Release();
    }

    /// <summary>Stops the Jobs still running and waits for them (their reports of what finished are written).</summary>
    public async Task StopJobsAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
    }

    public async ValueTask DisposeAsync()
    {
        await StopJobsAsync();
        await _deployer.DisposeAsync();
        _stop.Dispose();
        _changed.Dispose();
    }

    private void Start(V1Job job)
    {
        var key = Key(job.Metadata);
        if (!_jobs.TryAdd(key, new JobObservation(job.Metadata.Name, JobProgress.Running)))
        {
            return;
        }

        var task = Task.Run(async () =>
        {
            _jobs[key] = await RunAsync(job);
            _changed.Release();
        });
        lock (_running)
        {
            _running.Add(task);
        }
    }

    private async Task<JobObservation> RunAsync(V1Job job)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (job.Spec.ActiveDeadlineSeconds is { } seconds)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            var (exitCode, message) = job.Metadata.Name == ChildNames.DeployJob
                ? await _deployer.RunAsync(_configMaps[Key(job.Metadata.NamespaceProperty, ChildNames.ValuesConfigMap)], deadline.Token)
                : await RunProbesAsync(job, deadline.Token);
            return new JobObservation(job.Metadata.Name, exitCode == 0 ? JobProgress.Succeeded : JobProgress.Failed, message,
                exitCode == 0 ? null : $"BackoffLimitExceeded: the container exited with {exitCode}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            return new JobObservation(
                job.Metadata.Name, JobProgress.Failed, null, "DeadlineExceeded: Job was active longer than specified deadline",
                PastDeadline: true);
        }
#pragma warning disable CA1031 // Whatever stops a Job's work fails that Job, as a crashed container would.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return new JobObservation(
                job.Metadata.Name, JobProgress.Failed, Netra.ServiceDefaults.StartupErrors.Describe(error) ?? error.Message, "Error");
        }
    }

    private async Task<(int, string)> RunProbesAsync(V1Job job, CancellationToken cancellationToken)
    {
        var scenario = job.Metadata.Labels[ChildNames.ScenarioLabel];
        var attempt = int.Parse(job.Metadata.Labels[ChildNames.AttemptLabel], System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return await ProbeJobRunner.RunAsync(
                job.Spec.Template.Spec.Containers.Single(),
                _deployer.MapServiceUrl,
                console,
                cancellationToken,
                reports.PathFor(scenario, attempt));
        }
        finally
        {
            reports.Ended(scenario, attempt);
        }
    }

    private static string Key(V1ObjectMeta metadata) => Key(metadata.NamespaceProperty, metadata.Name);

    private static string Key(string ns, string name) => $"{ns}/{name}";
}
