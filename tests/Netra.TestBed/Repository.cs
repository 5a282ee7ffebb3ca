using System.Xml.Linq;

namespace Netra.TestBed;

/// <summary>Where the repository's files (crds/, examples/) are, found from the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The cluster image's ahead-of-time compiled netra-operator, where <c>dotnet publish src/OperatorImage -c Release</c> puts it (tests/run.sh does).</summary>
    public static string OperatorImageBinary { get; } = Path.Combine(Root, "artifacts", "publish", "Netra.Operator.Image", "release", "netra-operator");

    /// <summary>The product's version, as Directory.Build.props keeps it (<c>&lt;Version&gt;</c>).</summary>
    public static string ProductVersion { get; } =
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Netra.Operator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Netra.Operator.sln not found above the test binaries.");
    }
}
