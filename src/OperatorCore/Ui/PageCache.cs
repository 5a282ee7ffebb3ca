namespace Netra.Operator.Core.Ui;

/// <summary>
/// Rendered page bodies by what they were rendered from (an object's uid and resourceVersion, so a change is a new key),
/// the least recently used forgotten first once they hold more than <see cref="UiOptions.PageCacheBytes"/>.
/// </summary>
public sealed class PageCache(long maxBytes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, string Body)>> _pages = [];
    private readonly LinkedList<(string Key, string Body)> _recent = new();
    private long _bytes;

    public async Task<string> GetOrRenderAsync(string key, Func<Task<string>> render)
    {
        lock (_gate)
        {
            if (_pages.TryGetValue(key, out var known))
            {
                _recent.Remove(known);
                _recent.AddFirst(known);
                return known.Value.Body;
            }
        }

        var body = await render();
        lock (_gate)
        {
            if (!_pages.ContainsKey(key) && Bytes(body) <= maxBytes)
            {
                _pages[key] = _recent.AddFirst((key, body));
                _bytes += Bytes(body);
                while (_bytes > maxBytes && _recent.Last is { } oldest)
                {
                    _recent.RemoveLast();
                    _pages.Remove(oldest.Value.Key);
                    _bytes -= Bytes(oldest.Value.Body);
                }
            }
        }

        return body;
    }

    public long Bytes()
    {
        lock (_gate)
        {
            return _bytes;
        }
    }

    private static long Bytes(string body) => body.Length * sizeof(char);
}
