namespace Netra.ControllerRuntime;

/// <summary>A watch cache as its controller waits on it: whether it holds a full list yet, and how many objects.</summary>
public interface ISyncedCache
{
    /// <summary>Completes once the cache holds a full list.</summary>
    Task Synced { get; }

    int Count { get; }
}
