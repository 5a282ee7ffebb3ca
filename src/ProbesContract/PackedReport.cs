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

    /// <summary>
    /// The most a report may unpack to: what a termination message's few kilobytes hold when the probes packed them
    /// (their cases' messages compress about tenfold), far below what a gzip bomb of the same size would give.
    /// </summary>
    public const int MaxUnpackedBytes = 128 * 1024;

    /// <summary>
    /// The JSON report, or null when <paramref name="packed"/> is not one this class packed or unpacks to more than
    /// <see cref="MaxUnpackedBytes"/> (decompression stops there: a pod's bytes are untrusted).
    /// </summary>
    public static string? Unpack(string? packed)
    {
        if (string.IsNullOrEmpty(packed) || packed.Length > TerminationMessage.MaxBytes)
        {
            return null;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(packed)), CompressionMode.Decompress);
            var buffer = new byte[MaxUnpackedBytes + 1];
            var length = 0;
            for (int read; length < buffer.Length && (read = gzip.Read(buffer, length, buffer.Length - length)) > 0;)
            {
                length += read;
            }

            return length > MaxUnpackedBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception error) when (error is FormatException or InvalidDataException)
        {
            return null;
        }
    }
}
