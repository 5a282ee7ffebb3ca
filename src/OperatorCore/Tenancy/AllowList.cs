namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// Matching of images, charts and hosts against an installer's list. An entry is <c>*</c> (anything), a prefix
/// ending in <c>/</c> (<c>registry.example.com/team/</c>, <c>oci://registry.example.com/charts/</c>), a host
/// suffix (<c>*.svc.cluster.local</c>), or an exact value; an image entry without a tag also allows every tag and
/// digest of that repository.
/// </summary>
public static class AllowList
{
    public const string Any = "*";

    public static bool Allows(IEnumerable<string> entries, string value) => entries.Any(entry => Matches(entry, value));

    /// <summary>
    /// An image reference against the list, parsed (<see cref="ImageReference"/>): an entry without a tag allows every
    /// tag and digest of that repository, a prefix ending in <c>/</c> the repositories under it, <c>*.suffix</c> a
    /// registry's domain; a text that is not a reference is never allowed.
    /// </summary>
    public static bool AllowsImage(IEnumerable<string> entries, string image) =>
        ImageReference.Parse(image) is { } reference && entries.Any(entry =>
            entry == Any
            || entry == image
            || entry == reference.Repository
            || (entry.EndsWith('/') && reference.Repository.StartsWith(entry, StringComparison.Ordinal))
            || (entry.StartsWith("*.", StringComparison.Ordinal)
                && reference.Domain.Split(':')[0].EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)));

    /// <summary>The repository of an image reference: without its digest and tag; the text itself when it is not a reference.</summary>
    public static string Repository(string image) => ImageReference.Parse(image)?.Repository ?? image;

    private static bool Matches(string entry, string value) =>
        entry == Any
        || entry == value
        || (entry.EndsWith('/') && value.StartsWith(entry, StringComparison.Ordinal))
        || (entry.StartsWith("*.", StringComparison.Ordinal) && value.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase));
}
