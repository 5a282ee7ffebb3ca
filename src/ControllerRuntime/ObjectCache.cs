using k8s;
using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>
/// The latest copy of every object a <see cref="ResourceWatcher{T}"/> has seen, by key and by one
/// index (such as the key of the object's owner), so that a reconcile reads children from memory
/// instead of listing them from the API server. A read may lag the server by the watch events still
/// on their way: what a controller creates from such a read must be idempotent, as creates by
/// deterministic name are. The objects are shared: read them, never change them. <paramref name="keep"/> trims what is kept
/// of each object as it arrives from a list or a watch (only what the controller reads, to bound its memory); a listed
/// object is trimmed as its page arrives (<see cref="IResourceSource{T}.ListAsync"/>) and again as the cache takes it,
/// so keeping what was kept must change nothing.
/// </summary>
public sealed class ObjectCache<T>(Func<T, string?>? indexOf = null, Func<T, T>? keep = null) : ISyncedCache
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _objects = [];
    private readonly Dictionary<string, HashSet<string>> _index = [];
    private TaskCompletionSource _synced = NewSignal();

    /// <summary>Completes once the cache holds a full list, after the latest <see cref="Invalidate"/>.</summary>
    public Task Synced
    {
        get
        {
            lock (_gate)
            {
                return _synced.Task;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>What the cache keeps of <paramref name="item"/>.</summary>
    public T Keep(T item) => keep is null ? item : keep(item);

    public T? Get(string key)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault(key);
        }
    }

    /// <summary>Every object held.</summary>
    public IReadOnlyList<T> All()
    {
        lock (_gate)
        {
            return [.. _objects.Values];
        }
    }

    /// <summary>The objects whose index value is <paramref name="value"/>.</summary>
    public IReadOnlyList<T> Indexed(string value)
    {
        lock (_gate)
        {
            return _index.TryGetValue(value, out var keys) ? [.. keys.Select(key => _objects[key])] : [];
        }
    }

    /// <summary>Forgets everything: a new watch is starting and what is held may be out of date.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            Clear();
            if (_synced.Task.IsCompleted)
            {
                _synced = NewSignal();
            }
        }
    }

    /// <summary>Holds exactly what a list returned.</summary>
    public void Replace(IEnumerable<T> items)
    {
        lock (_gate)
        {
            Clear();
            foreach (var item in items)
            {
                Put(item);
            }

            _synced.TrySetResult();
        }
    }

    public void Apply(WatchEventType type, T item)
    {
        lock (_gate)
        {
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    Put(item);
                    break;
                case WatchEventType.Deleted:
                    Remove(ObjectKey.Of(item));
                    break;
            }
        }
    }

    private void Put(T item)
    {
        item = Keep(item);
        var key = ObjectKey.Of(item);
        Remove(key);
        _objects[key] = item;
        if (indexOf?.Invoke(item) is { } value)
        {
            if (!_index.TryGetValue(value, out var keys))
            {
                _index[value] = keys = [];
            }

            keys.Add(key);
        }
    }

    private void Remove(string key)
    {
        if (!_objects.Remove(key, out var old) || indexOf?.Invoke(old) is not { } value || !_index.TryGetValue(value, out var keys))
        {
            return;
        }

        keys.Remove(key);
        if (keys.Count == 0)
        {
            _index.Remove(value);
        }
    }

    private void Clear()
    {
        _objects.Clear();
        _index.Clear();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
