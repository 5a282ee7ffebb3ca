using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Netra.ControllerRuntime;
using Netra.Testing;
using Prometheus;

namespace Netra.Operator.Tests.Runtime;

/// <summary>The generic controller loop, fed from a list held in memory (what the API server would list).</summary>
public sealed class ControllerHostTests
{
    [Fact]
    public async Task Failures_are_retried_with_backoff_success_forgets_and_a_requeue_comes_back()
    {
        var calls = new ConcurrentDictionary<string, int>();
        int Calls(string key) => calls.GetValueOrDefault(key);
        var reconciler = new ScriptedReconciler(calls, key => key switch
        {
            "ns/flaky" => Calls(key) < 3 ? throw new InvalidOperationException("not yet") : ReconcileResult.Done,
            "ns/again" => Calls(key) < 2 ? ReconcileResult.After(TimeSpan.FromMilliseconds(50)) : ReconcileResult.Done,
            _ => ReconcileResult.Done,
        });
        var registry = Metrics.NewCustomRegistry();
        var host = new ControllerHost<V1ConfigMap>(
            new ListedOnly(["flaky", "again", "once"]), reconciler, workers: 2, new ControllerMetrics(Metrics.WithCustomRegistry(registry), "test"), NullLogger.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var running = host.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => Calls("ns/flaky") == 3 && Calls("ns/again") == 2, "retries and requeue done");
        var whileRunning = await ExportAsync(registry);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(1, Calls("ns/once"));
        Assert.Contains("netra_operator_caches_synced{controller=\"test\"} 1", whileRunning, StringComparison.Ordinal);
        var metrics = await ExportAsync(registry);
        Assert.Contains("netra_operator_caches_synced{controller=\"test\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_operator_reconcile_total{controller=\"test\",result=\"error\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("netra_operator_reconcile_total{controller=\"test\",result=\"requeue\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workers_wait_for_the_child_cache_and_then_read_children_from_it_kept_as_the_list_was_read()
    {
        var childrenListed = new TaskCompletionSource();
        var cache = new ObjectCache<V1ConfigMap>(child => $"ns/{child.Metadata.Labels["owner"]}", Mark);
        var seen = new ConcurrentDictionary<string, int>();
        var reconciler = new ScriptedReconciler(new ConcurrentDictionary<string, int>(), key =>
        {
            seen[key] = cache.Indexed(key).Count;
            return ReconcileResult.Done;
        });
        var children = new ListedOnly(["child-1", "child-2"], owner: "parent", listed: childrenListed.Task);
        var host = new ControllerHost<V1ConfigMap>(
                new ListedOnly(["parent"]), reconciler, workers: 2, new ControllerMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()), "test"), NullLogger.Instance, TimeProvider.System)
            .Owns(children, child => $"ns/{child.Metadata.Labels["owner"]}", cache);
        using var stop = new CancellationTokenSource();

        var running = host.RunAsync(stop.Token);
        // A negative check needs a window: the parent is listed at once, so a worker that did not wait would reconcile it within it.
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Empty(seen);
        childrenListed.SetResult();
        await Eventually.WaitUntilAsync(() => seen.ContainsKey("ns/parent"), "the parent reconciled");
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(2, seen["ns/parent"]);
        Assert.Equal([true, true], children.KeptAsListed);
    }

    private static V1ConfigMap Mark(V1ConfigMap item)
    {
        item.Data = new Dictionary<string, string> { ["kept"] = "yes" };
        return item;
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        return System.Text.Encoding.UTF8.GetString(text.ToArray());
    }

    /// <summary>Counts its calls per key, then answers what the script says (or throws).</summary>
    private sealed class ScriptedReconciler(ConcurrentDictionary<string, int> calls, Func<string, ReconcileResult> script) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
        {
            calls.AddOrUpdate(key, 1, (_, n) => n + 1);
            return Task.FromResult(script(key));
        }
    }

    /// <summary>Lists some ConfigMaps (labelled with their owner, once <paramref name="listed"/> completes), then a watch that sees nothing until cancelled.</summary>
    private sealed class ListedOnly(string[] names, string owner = "", Task? listed = null) : IResourceSource<V1ConfigMap>
    {
        /// <summary>Whether each listed item came out of the keep function the watcher passed (the cache's).</summary>
        public IReadOnlyList<bool> KeptAsListed { get; private set; } = [];

        public async Task<(IReadOnlyList<V1ConfigMap> Items, string ResourceVersion)> ListAsync(
            Func<V1ConfigMap, V1ConfigMap> keep, CancellationToken cancellationToken)
        {
            await (listed ?? Task.CompletedTask).WaitAsync(cancellationToken);
            var items = names.Select(n => keep(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = n, NamespaceProperty = "ns", Labels = new Dictionary<string, string> { ["owner"] = owner } },
            })).ToList();
            KeptAsListed = [.. items.Select(item => item.Data?.ContainsKey("kept") == true)];
            return (items, "1");
        }

        public async IAsyncEnumerable<(WatchEventType Type, V1ConfigMap Object)> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
    }
}
