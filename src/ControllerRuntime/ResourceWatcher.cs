using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Netra.ControllerRuntime;

/// <summary>
/// Keeps a work queue fed with the keys (<c>namespace/name</c>, or what <c>keyOf</c> maps an object
/// to, such as its owner's key; null queues nothing) of objects that changed: lists,
/// then watches from the list's resourceVersion, resumes each new watch from the last version seen,
/// and lists again when the server says that version is gone. Every listed object is queued, so
/// nothing is missed across a relist. With a cache, the cache holds what was seen before the key is queued.
/// With <c>keysOf</c>, an object queues every key it names (the objects of another controller that watch it).
/// </summary>
public sealed class ResourceWatcher<T>(
    IResourceSource<T> source,
    WorkQueue<string> queue,
    ILogger logger,
    TimeProvider time,
    Func<T, string?>? keyOf = null,
    ObjectCache<T>? cache = null,
    Func<T, IEnumerable<string>>? keysOf = null)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<T, string?> _keyOf = keyOf ?? (item => ObjectKey.Of(item));

    private static T Unchanged(T item) => item;

    private static readonly ExponentialBackoff Backoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        cache?.Invalidate();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    var (items, listedVersion) = await source.ListAsync(cache is null ? Unchanged : cache.Keep, cancellationToken);
                    cache?.Replace(items);
                    foreach (var item in items)
                    {
                        Enqueue(item);
                    }

                    resourceVersion = listedVersion;
                }

                await foreach (var (type, item) in source.WatchAsync(resourceVersion, cancellationToken))
                {
                    resourceVersion = item.Metadata.ResourceVersion ?? resourceVersion;
                    if (type != WatchEventType.Bookmark)
                    {
                        cache?.Apply(type, item);
                        Enqueue(item);
                    }

                    failures = 0;
                }
            }
            catch (ResourceVersionGoneException)
            {
                logger.LogInformation("Resource version {ResourceVersion} is gone; listing again", resourceVersion);
                resourceVersion = null;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.DelayAfter(++failures);
                logger.LogWarning(error, "Watch failed; retrying in {Delay}", delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private void Enqueue(T item)
    {
        foreach (var each in keysOf?.Invoke(item) ?? [])
        {
            queue.Add(each);
        }

        if (keysOf is null && _keyOf(item) is { } key)
        {
            queue.Add(key);
        }
    }
}
