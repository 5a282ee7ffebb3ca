using System.IO.Compression;
using System.Text;

namespace Netra.Probes.Contract;

/// <summary>
/// A probe run's full JSON report (every case, with its message and duration), gzip-compressed and base64-encoded so
/// that it fits beside the summary in a termination message when it is small, and as one line of the pod's log
/// (<see cref="ReportLine"/>) whatever its size. Unpacking stops at <see cref="MaxJsonBytes"/>.
/// </summary>
public static class PackedReport
{
    /// <summary>The largest report unpacked: a scenario of 30 cases that all fail with long messages fits many times over.</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    public static string Pack(string json)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return Convert.ToBase64String(packed.ToArray());
    }

    /// <summary>The JSON report, or null when <paramref name="packed"/> is not one this class packed or unpacks past the bound.</summary>
    public static string? Unpack(string? packed)
    {
        if (string.IsNullOrEmpty(packed))
        {
            return null;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(packed)), CompressionMode.Decompress);
            var buffer = new byte[MaxJsonBytes + 1];
            var length = 0;
            for (int read; length < buffer.Length && (read = gzip.Read(buffer, length, buffer.Length - length)) > 0;)
            {
                length += read;
            }

            return length > MaxJsonBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception error) when (error is FormatException or InvalidDataException)
        {
            return null;
        }
    }
}
