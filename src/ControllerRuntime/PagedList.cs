using k8s.Models;

namespace Netra.ControllerRuntime;

/// <summary>
/// A list read page by page, each item kept as the caller keeps it as its page arrives: a list of the whole cluster
/// (thousands of Deployments, a tenant's large TestRuns) is never held whole, only a page of it.
/// </summary>
public static class PagedList
{
    /// <summary>Objects per page of a built-in kind (client-go's reflectors ask for as many).</summary>
    public const int PageSize = 500;

    /// <param name="page">Reads the page a continue token names (null: the first page).</param>
    public static async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ReadAsync<T>(
        Func<string?, Task<(IEnumerable<T> Items, V1ListMeta? Metadata)>> page, Func<T, T> keep)
    {
        var items = new List<T>();
        string? next = null;
        while (true)
        {
            var (pageItems, metadata) = await page(next);
            items.AddRange(pageItems.Select(keep));
            next = metadata?.ContinueProperty;
            if (string.IsNullOrEmpty(next))
            {
                // The last page's version is the whole list's: every page is read at the first page's snapshot.
                return (items, metadata?.ResourceVersion ?? string.Empty);
            }
        }
    }
}
