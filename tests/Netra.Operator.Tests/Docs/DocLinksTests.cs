using System.Text.RegularExpressions;

namespace Netra.Operator.Tests.Docs;

/// <summary>
/// Every relative link in docs/*.md, README.md and the charts' READMEs leads to a file or folder of the
/// repository, and every <c>#anchor</c> to a heading of the page it names (GitHub's heading ids).
/// </summary>
public sealed partial class DocLinksTests
{
    public static TheoryData<string> Pages => [.. MarkdownPages()];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves(string page)
    {
        var broken = Links(page)
            .Where(link => !Resolves(page, link))
            .ToList();

        Assert.Empty(broken);
    }

    [Fact]
    public void The_pages_checked_include_the_docs_and_the_readmes()
    {
        Assert.Contains("README.md", MarkdownPages());
        Assert.Contains("docs/testrun-reference.md", MarkdownPages());
        Assert.Contains("charts/netra-operator/README.md", MarkdownPages());
        Assert.Contains(Links("docs/README.md"), link => link.Contains('#', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("The CRD's life", "the-crds-life")]
    [InlineData("Quick start on kind", "quick-start-on-kind")]
    [InlineData("`spec.profile` and re-runs", "specprofile-and-re-runs")]
    public void Heading_ids_are_githubs(string heading, string id)
    {
        Assert.Equal(id, HeadingId(heading));
    }

    private static IEnumerable<string> MarkdownPages() =>
        new[] { "README.md", Path.Combine("charts", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "charts"), "README.md", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(Repository.Root, path)))
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(path => Path.GetRelativePath(Repository.Root, path)))
            .Select(path => path.Replace('\\', '/'))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Links(string page) =>
        LinkPattern().Matches(Prose(page)).Select(match => match.Groups[1].Value)
            .Where(target => !Uri.TryCreate(target, UriKind.Absolute, out _));

    private static bool Resolves(string page, string link)
    {
        var (path, anchor) = link.IndexOf('#', StringComparison.Ordinal) is var at and >= 0 ? (link[..at], link[(at + 1)..]) : (link, null);
        var target = path.Length == 0 ? page : Path.GetRelativePath(Repository.Root,
            Path.GetFullPath(Path.Combine(Repository.Root, Path.GetDirectoryName(page) ?? string.Empty, path)));
        var full = Path.Combine(Repository.Root, target);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return false;
        }

        return anchor is null
            || (File.Exists(full) && HeadingPattern().Matches(Prose(target)).Any(heading => HeadingId(heading.Groups[1].Value) == anchor));
    }

    /// <summary>The page without its fenced code blocks, where a link or heading is only text.</summary>
    private static string Prose(string page) =>
        FencePattern().Replace(File.ReadAllText(Path.Combine(Repository.Root, page)), string.Empty);

    private static string HeadingId(string heading) =>
        NotInId().Replace(heading.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');

    [GeneratedRegex(@"\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^#{1,6}\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex NotInId();
}
