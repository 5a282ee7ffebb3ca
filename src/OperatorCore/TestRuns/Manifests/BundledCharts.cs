using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;

namespace Netra.Operator.Core.TestRuns.Manifests;

/// <summary>
/// The three service charts as the operator carries them (embedded from <c>charts/</c> at build time), packed as the
/// chart archives helm installs: an Ephemeral run's deploy Job gets them in a ConfigMap of its namespace, so the
/// default environment needs no chart registry. A TestRun or the operator's flags may still name a chart elsewhere.
/// </summary>
public static class BundledCharts
{
    /// <summary>The chart reference that means "the chart the operator carries".</summary>
    public const string Reference = "bundled";

    public const string MountPath = "/charts";

    private static readonly string[] Services = ["auth", "agent", "backend"];
    private static readonly Lazy<Dictionary<string, byte[]>> Packed = new(Pack);

    /// <summary>Archive file name (<c>netra-auth.tgz</c>) → its bytes, for each service chart.</summary>
    public static IReadOnlyDictionary<string, byte[]> Archives => Packed.Value;

    /// <summary>Where the deploy Job finds a service's bundled chart archive.</summary>
    public static string PathOf(string service) => $"{MountPath}/{ArchiveName(service)}";

    public static string ArchiveName(string service) => $"netra-{service}.tgz";

    /// <summary>The version in a bundled chart's Chart.yaml.</summary>
    public static string Version(string service) => Versions.Value[service];

    private static readonly Lazy<Dictionary<string, string>> Versions = new(() => Services.ToDictionary(service => service, ReadVersion));

    private static string ReadVersion(string service)
    {
        using var stream = typeof(BundledCharts).Assembly.GetManifestResourceStream($"charts/netra-{service}/Chart.yaml")!;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("version:", StringComparison.Ordinal))
            {
                return line["version:".Length..].Trim().Trim('"');
            }
        }

        throw new InvalidOperationException($"The bundled chart netra-{service} has no version.");
    }

    private static Dictionary<string, byte[]> Pack()
    {
        var assembly = typeof(BundledCharts).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("charts/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Services.ToDictionary(
            ArchiveName,
            service => Archive(assembly, files.Where(f => f.StartsWith($"charts/netra-{service}/", StringComparison.Ordinal))));
    }

    private static byte[] Archive(Assembly assembly, IEnumerable<string> files)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                using var content = assembly.GetManifestResourceStream(file)!;
                // A fixed time, so that the same charts always pack to the same bytes.
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file["charts/".Length..])
                {
                    DataStream = content,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
            }
        }

        return packed.ToArray();
    }
}
