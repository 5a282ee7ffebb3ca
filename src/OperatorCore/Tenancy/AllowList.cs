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

    /// <summary>An image reference (<c>registry/repository[:tag][@digest]</c>) against the list.</summary>
    public static bool AllowsImage(IEnumerable<string> entries, string image) =>
        entries.Any(entry => Matches(entry, image) || Repository(image) == entry);

    /// <summary>The repository of an image reference: without its digest and tag (a colon after the last slash).</summary>
    public static string Repository(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var colon = withoutDigest.LastIndexOf(':');
        return colon > withoutDigest.LastIndexOf('/') ? withoutDigest[..colon] : withoutDigest;
    }

    private static bool Matches(string entry, string value) =>
        entry == Any
        || entry == value
        || (entry.EndsWith('/') && value.StartsWith(entry, StringComparison.Ordinal))
        || (entry.StartsWith("*.", StringComparison.Ordinal) && value.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase));
}
