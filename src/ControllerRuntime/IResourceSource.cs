using k8s;

namespace Netra.ControllerRuntime;

/// <summary>Where a watcher lists and watches one kind of object.</summary>
public interface IResourceSource<T>
{
    /// <summary>
    /// Every object, each as <paramref name="keep"/> makes it as soon as it is read (see <see cref="PagedList"/>), and the
    /// resourceVersion to watch from.
    /// </summary>
    Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(Func<T, T> keep, CancellationToken cancellationToken);

    /// <summary>
    /// Changes after <paramref name="resourceVersion"/>; throws <see cref="ResourceVersionGoneException"/>
    /// when it is too old.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, CancellationToken cancellationToken);
}

/// <summary>The API server no longer has the resourceVersion a watch asked for (HTTP 410): list again.</summary>
public sealed class ResourceVersionGoneException(string message, Exception? inner = null) : Exception(message, inner);
