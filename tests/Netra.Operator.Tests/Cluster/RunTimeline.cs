using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Netra.Operator.Tests.Cluster;

/// <summary>
/// The last state seen of every Job, pod and Deployment in a run's namespace and its environment namespace, read once a
/// second while the run goes on: the environment namespace is deleted as the run ends, and with it the deploy Job's and
/// the services' timestamps, so they are kept here. Only reads; what it keeps says when things happened, not how long
/// the reads took.
/// </summary>
public sealed class RunTimeline : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly Kubernetes _admin;
    private readonly string[] _namespaces;
    private readonly ConcurrentDictionary<string, V1Job> _jobs = new();
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new();
    private readonly ConcurrentDictionary<string, V1Deployment> _deployments = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RunTimeline(Kubernetes admin, params string[] namespaces)
    {
        _admin = admin;
        _namespaces = namespaces;
        _loop = Task.Run(() => FollowAsync(_stop.Token));
    }

    public IEnumerable<V1Job> JobsIn(string ns) => _jobs.Values.Where(j => j.Metadata.NamespaceProperty == ns);

    public IEnumerable<V1Pod> PodsIn(string ns) => _pods.Values.Where(p => p.Metadata.NamespaceProperty == ns);

    public IEnumerable<V1Deployment> DeploymentsIn(string ns) => _deployments.Values.Where(d => d.Metadata.NamespaceProperty == ns);

    /// <summary>Stops following, after one last read.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await ReadAsync(CancellationToken.None);
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReadAsync(cancellationToken);
                await Task.Delay(Poll, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                // A read the API server refused for a moment: the next one a second later reads the same.
            }
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        foreach (var ns in _namespaces)
        {
            // A namespace not created yet, or deleted already, lists nothing: what was seen before is kept.
            Keep(_jobs, (await _admin.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: cancellationToken)).Items);
            Keep(_pods, (await _admin.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cancellationToken)).Items);
            Keep(_deployments, (await _admin.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken)).Items);
        }
    }

    private static void Keep<T>(ConcurrentDictionary<string, T> seen, IEnumerable<T> items)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        foreach (var item in items)
        {
            seen[item.Metadata.Uid] = item;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
