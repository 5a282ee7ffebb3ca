using k8s;
using k8s.Models;
using Netra.ControllerRuntime;

namespace Netra.Operator.Tests.Runtime;

/// <summary>The watch cache: what a list and the events after it leave, by key and by owner index.</summary>
public sealed class ObjectCacheTests
{
    private static V1ConfigMap Item(string name, string? owner, string version = "1") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            ResourceVersion = version,
            Annotations = owner is null ? null : new Dictionary<string, string> { ["owner"] = owner },
        },
    };

    private static ObjectCache<V1ConfigMap> NewCache() =>
        new(item => item.Metadata.Annotations is { } annotations && annotations.TryGetValue("owner", out var owner) ? owner : null);

    private static string[] Names(IEnumerable<V1ConfigMap> items) => [.. items.Select(i => i.Metadata.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void Events_after_a_list_keep_the_index_current()
    {
        var cache = NewCache();
        cache.Replace([Item("a", "run-1"), Item("b", "run-1"), Item("c", "run-2"), Item("orphan", null)]);

        cache.Apply(WatchEventType.Added, Item("d", "run-2"));
        cache.Apply(WatchEventType.Modified, Item("b", "run-2", "2"));
        cache.Apply(WatchEventType.Deleted, Item("c", "run-2"));

        Assert.Equal(["a"], Names(cache.Indexed("run-1")));
        Assert.Equal(["b", "d"], Names(cache.Indexed("run-2")));
        Assert.Equal("2", cache.Indexed("run-2").Single(i => i.Metadata.Name == "b").Metadata.ResourceVersion);
        Assert.Empty(cache.Indexed("run-3"));
        Assert.NotNull(cache.Get("ns/orphan"));
        Assert.Null(cache.Get("ns/c"));
    }

    [Fact]
    public void A_relist_forgets_what_was_deleted_while_the_watch_was_down()
    {
        var cache = NewCache();
        cache.Replace([Item("a", "run-1"), Item("b", "run-1")]);

        cache.Replace([Item("b", "run-1", "5")]);

        Assert.Equal(["b"], Names(cache.Indexed("run-1")));
        Assert.Null(cache.Get("ns/a"));
        Assert.Equal("5", cache.Get("ns/b")?.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Synced_completes_on_the_first_list_and_again_only_after_the_next_one_once_invalidated()
    {
        var cache = NewCache();
        Assert.False(cache.Synced.IsCompleted);

        cache.Apply(WatchEventType.Added, Item("a", "run-1"));
        Assert.False(cache.Synced.IsCompleted);
        cache.Replace([Item("a", "run-1")]);
        await cache.Synced.WaitAsync(TimeSpan.FromSeconds(5));

        cache.Invalidate();
        Assert.False(cache.Synced.IsCompleted);
        Assert.Empty(cache.Indexed("run-1"));
        cache.Replace([]);
        await cache.Synced.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
