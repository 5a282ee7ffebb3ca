using System.IO.Compression;
using System.Text;

namespace Netra.Probes.Contract;

/// <summary>
/// A probe run's full JSON report (every case, with its message and duration), gzip-compressed and base64-encoded so
/// that it fits beside the summary in a termination message: how the operator gets every case out of a probe pod.
/// </summary>
public static class PackedReport
{
    public static string Pack(string json)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return Convert.ToBase64String(packed.ToArray());
    }

    /// <summary>The JSON report, or null when <paramref name="packed"/> is not one this class packed.</summary>
    public static string? Unpack(string? packed)
    {
        if (string.IsNullOrEmpty(packed))
        {
            return null;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(packed)), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception error) when (error is FormatException or InvalidDataException)
        {
            return null;
        }
    }
}
