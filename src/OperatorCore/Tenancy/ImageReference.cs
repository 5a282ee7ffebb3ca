using System.Text.RegularExpressions;

namespace Netra.Operator.Core.Tenancy;

/// <summary>
/// An image reference parsed by the grammar container runtimes use (<c>[domain[:port]/]path[:tag][@algorithm:hex]</c>),
/// so that an allow-list judges the repository the runtime will pull, not a string that merely starts like one.
/// </summary>
public sealed partial record ImageReference(string Domain, string Name, string? Tag, string? Digest)
{
    public const int MaxNameLength = 255;

    private const string Component = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
    private const string Path = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

    [GeneratedRegex(
        $"^(?<name>(?:(?<domain>{Component}(?:\\.{Component})*(?::[0-9]+)?)/)?{Path}(?:/{Path})*)"
            + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
            + "(?:@(?<digest>[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    /// <summary>The reference, or null when the text is not one (an <c>@</c> without a digest, a second tag, upper case in a path).</summary>
    public static ImageReference? Parse(string? text)
    {
        var match = text is { Length: <= 512 } ? Grammar().Match(text) : null;
        if (match is not { Success: true } || match.Groups["name"].Length > MaxNameLength)
        {
            return null;
        }

        var tag = match.Groups["tag"];
        var digest = match.Groups["digest"];
        return new ImageReference(
            match.Groups["domain"].Value, match.Groups["name"].Value, tag.Success ? tag.Value : null, digest.Success ? digest.Value : null);
    }

    /// <summary>Where the runtime pulls from: the name as written (a reference without a domain is Docker Hub's).</summary>
    public string Repository => Name;
}
