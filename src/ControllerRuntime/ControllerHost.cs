using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Netra.ControllerRuntime;

/// <summary>
/// One controller: a watcher feeding a work queue and N workers draining it through a reconciler.
/// A failed reconcile goes back with the key's backoff; a successful one forgets its failures and,
/// if asked, comes back after its delay. Children it <see cref="Owns{TChild}"/> queue their owner's key when they change
/// and, given a cache, are kept in it: workers start only once every such cache holds a full list.
/// </summary>
public sealed class ControllerHost<T>(
    IResourceSource<T> source, IReconciler reconciler, int workers, ControllerMetrics metrics, ILogger logger, TimeProvider time)
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Cached objects from which the list's garbage is worth an aggressive collection (below, a few MiB at most).</summary>
    private const int LargeList = 1000;

    private readonly List<Func<WorkQueue<string>, CancellationToken, Task>> _childWatchers = [];
    private readonly List<ISyncedCache> _caches = [];
    private ObjectCache<T>? _cache;

    /// <summary>Keeps every object watched in <paramref name="cache"/>, for the reconciler to read.</summary>
    public ControllerHost<T> Caches(ObjectCache<T> cache)
    {
        _cache = cache;
        _caches.Add(cache);
        return this;
    }

    /// <summary>Watches children too: a change to one queues the key <paramref name="ownerKey"/> names (none when null).</summary>
    public ControllerHost<T> Owns<TChild>(
        IResourceSource<TChild> children, Func<TChild, string?> ownerKey, ObjectCache<TChild>? cache = null)
        where TChild : IKubernetesObject<V1ObjectMeta>
    {
        _childWatchers.Add((queue, cancellationToken) =>
            new ResourceWatcher<TChild>(children, queue, logger, time, ownerKey, cache).RunAsync(cancellationToken));
        if (cache is not null)
        {
            _caches.Add(cache);
        }

        return this;
    }

    /// <summary>
    /// Watches objects the controller does not own but reacts to: a change to one queues every key
    /// <paramref name="keysOf"/> names (none, one or many).
    /// </summary>
    public ControllerHost<T> Watches<TOther>(
        IResourceSource<TOther> others, Func<TOther, IEnumerable<string>> keysOf, ObjectCache<TOther>? cache = null)
        where TOther : IKubernetesObject<V1ObjectMeta>
    {
        _childWatchers.Add((queue, cancellationToken) =>
            new ResourceWatcher<TOther>(others, queue, logger, time, cache: cache, keysOf: keysOf).RunAsync(cancellationToken));
        if (cache is not null)
        {
            _caches.Add(cache);
        }

        return this;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var queue = new WorkQueue<string>(time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = new ResourceWatcher<T>(source, queue, logger, time, cache: _cache);
        var tasks = new List<Task> { watcher.RunAsync(stop.Token) };
        tasks.AddRange(_childWatchers.Select(watch => watch(queue, stop.Token)));
        tasks.AddRange(Enumerable.Range(0, workers).Select(worker => WorkWhenSyncedAsync(queue, first: worker == 0, stop.Token)));
        try
        {
            await Task.WhenAny(tasks);
        }
        finally
        {
            queue.ShutDown();
            await stop.CancelAsync();
            await Task.WhenAll(tasks.Select(IgnoreCancellation));
            metrics.QueueDepth(0);
            metrics.CachesSynced(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task WorkWhenSyncedAsync(WorkQueue<string> queue, bool first, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_caches.Select(cache => cache.Synced)).WaitAsync(cancellationToken);
        if (first)
        {
            metrics.CachesSynced(true);
            if (_caches.Sum(cache => cache.Count) >= LargeList)
            {
                ReleaseListGarbage();
            }
        }

        await WorkAsync(queue, cancellationToken);
    }

    /// <summary>
    /// A full list leaves every object it read as garbage in a heap that grew to hold a page of them at a time: one
    /// aggressive collection as the caches are synced gives that memory back, so that the operator idles at what it
    /// keeps, not at what it read on its way. It pauses the process for as long as its heap takes to compact: only after
    /// a large list.
    /// </summary>
    private static void ReleaseListGarbage() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private async Task WorkAsync(WorkQueue<string> queue, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await queue.TakeAsync(cancellationToken);
            metrics.QueueDepth(queue.Depth);
            var clock = Stopwatch.StartNew();
            try
            {
                var result = await reconciler.ReconcileAsync(key, cancellationToken);
                queue.Forget(key);
                if (result.RequeueAfter is { } delay)
                {
                    queue.AddAfter(key, delay);
                }

                metrics.Reconciled(result.RequeueAfter is null ? "success" : "requeue", clock.Elapsed);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = queue.AddRateLimited(key);
                metrics.Reconciled("error", clock.Elapsed);
                logger.LogWarning(error, "Reconcile of {Key} failed; retrying in {Delay}", key, delay);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
